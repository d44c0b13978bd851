import { randomBytes } from 'node:crypto';
import {
  DLQ_HEADER_REJECT_REASON,
  DLQ_HEADER_SOURCE_OFFSET,
  DLQ_HEADER_SOURCE_PARTITION,
  DLQ_HEADER_SOURCE_TOPIC,
  openDeadLetter,
  type DeadLetterKey,
} from '@signaalhub/contracts';
import type { ConsumedMessage, KafkaBus, OutgoingMessage } from '@signaalhub/kafka';

export interface ReplayOptions {
  /** The keys dead letters may be sealed with: the current one and any from before a rotation. */
  keys: readonly DeadLetterKey[];
  deadLetterTopic: string;
  signalsTopic: string;
  /** Replay only letters refused for these reason codes (all when absent). */
  reasons?: ReadonlySet<string>;
  /** Count what would be replayed, produce nothing. */
  dryRun?: boolean;
}

export interface ReplayReport {
  /** Letters read, by reason code. */
  read: Map<string, number>;
  /** Letters put back on the signals topic, by reason code (0 in a dry run). */
  replayed: Map<string, number>;
  /** Letters that did not open with the keys given (another key, or altered): left where they are. */
  unopenable: number;
  /**
   * Further copies of a letter already read (same source position, sealed alike): dead letters are
   * produced at least once, and a hub that dies between producing them and committing its offsets
   * produces them again. Each refused message is read and replayed once.
   */
  copies: number;
}

/**
 * Puts refused signals back on the signals topic once their cause is fixed (a missing agreement
 * registered, a database constraint corrected): each dead letter is opened with the hub's key and
 * produced again with its original key and bytes, so the hub judges it as if it came now. The
 * dead-letter topic is read from its start up to its end at the moment of the call, under a
 * consumer group of its own, so a replay never moves the hub's offsets and can be repeated; the hub
 * deduplicates what it already stored.
 */
export async function replayDeadLetters(bus: KafkaBus, options: ReplayOptions): Promise<ReplayReport> {
  const report: ReplayReport = { read: new Map(), replayed: new Map(), unopenable: 0, copies: 0 };
  const seen = new Set<string>();
  const ends = await bus.topicEndOffsets(options.deadLetterTopic);
  const remaining = new Map([...ends].filter(([, end]) => end > 0n));
  if (remaining.size === 0) return report;

  const producer = options.dryRun ? null : await bus.createProducer();
  const consumer = bus.createConsumer({
    groupId: `signaalhub-dead-letter-replay-${randomBytes(6).toString('hex')}`,
    topics: [options.deadLetterTopic],
    fromBeginning: true,
  });
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  try {
    await consumer.start(async (batch) => {
      const end = remaining.get(batch.partition);
      if (end === undefined) return;
      const due = batch.messages.filter((m) => BigInt(m.offset) < end);
      const replays = due.flatMap((m) => replayOf(m, options, report, seen));
      try {
        if (producer && replays.length > 0) await producer.send(options.signalsTopic, replays);
      } catch (error) {
        fail(error);
        throw error;
      }
      const last = batch.messages[batch.messages.length - 1];
      if (BigInt(last.offset) + 1n >= end) remaining.delete(batch.partition);
      if (remaining.size === 0) finish();
    });
    await done;
  } finally {
    await consumer.stop();
    await producer?.disconnect();
  }
  return report;
}

function replayOf(
  message: ConsumedMessage,
  options: ReplayOptions,
  report: ReplayReport,
  seen: Set<string>,
): OutgoingMessage[] {
  const header = (name: string) => message.headers[name]?.toString() ?? '';
  const reason = header(DLQ_HEADER_REJECT_REASON) || 'UNKNOWN';
  const position = `${header(DLQ_HEADER_SOURCE_TOPIC)}/${header(DLQ_HEADER_SOURCE_PARTITION)}/${header(DLQ_HEADER_SOURCE_OFFSET)}`;
  let original: Buffer | null;
  try {
    original = openDeadLetter(options.keys, message.value ?? Buffer.alloc(0), position);
  } catch {
    original = null;
  }
  // Only a letter that opened counts as a copy: the seal authenticates its position, so an
  // unreadable letter cannot hide a real one by claiming its place.
  if (original) {
    if (seen.has(position)) {
      report.copies += 1;
      return [];
    }
    seen.add(position);
  }
  report.read.set(reason, (report.read.get(reason) ?? 0) + 1);
  if (options.reasons && !options.reasons.has(reason)) return [];
  if (!original) {
    report.unopenable += 1;
    return [];
  }
  if (options.dryRun) return [];
  report.replayed.set(reason, (report.replayed.get(reason) ?? 0) + 1);
  return [{ key: message.key, value: original }];
}
