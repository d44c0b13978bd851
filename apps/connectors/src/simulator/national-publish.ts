import type { KafkaBus, Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import {
  DEFAULT_REFERENCE_DATE,
  loadDutchFaker,
  nationalSignals,
  type NationalStreamOptions,
} from './national-stream.js';
import { CHUNK_SIZE, SimulatorInputError } from './publish.js';
import { signedKafkaBatch, type RecordSigner, type SyntheticSignal } from './synthetic-signals.js';

export interface NationalPublishOptions extends NationalStreamOptions {
  /** Signals per second at most; without, as fast as Kafka takes them. */
  rate?: number;
}

export interface NationalPublishHooks {
  /** Each synthetic creditor's signing key: the stream goes through the one signing path. */
  signers: ReadonlyMap<string, RecordSigner>;
  producer?: Producer;
  /** After each chunk Kafka acknowledged: how many so far, and the seconds since the start. */
  onProgress?: (published: number, seconds: number) => void;
  /** Injected by tests so pacing is checked without waiting. */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

const PARTITIONS = 4;
const realClock = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** Throws {@link SimulatorInputError} for options that cannot produce a stream, before Kafka is touched. */
export function checkNationalOptions(options: NationalPublishOptions): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.count) || options.count < 1) problems.push('signals must be a positive integer');
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) problems.push('seed must be a whole number');
  if (options.rate !== undefined && !(Number.isFinite(options.rate) && options.rate > 0))
    problems.push('rate must be a positive number');
  const share = options.invalidShare ?? 0;
  if (!(share >= 0 && share <= 1)) problems.push('invalid share must lie between 0 and 1');
  const date = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
    problems.push(`reference date must be a calendar date YYYY-MM-DD, got '${date}'`);
  if (problems.length > 0) throw new SimulatorInputError(problems.join('; '));
}

/**
 * Produces the national stream to the signals topic, signed per creditor, in chunks, paced to the
 * rate if one is given. Streams: a million signals never sit in memory at once.
 */
export async function publishNationalStream(
  bus: KafkaBus,
  target: { topic: string; retentionMs: number },
  options: NationalPublishOptions,
  hooks: NationalPublishHooks,
): Promise<{ published: number }> {
  checkNationalOptions(options);
  const reference = loadReferenceData();
  const faker = await loadDutchFaker(options.seed);
  // Each produced chunk is one signed batch per creditor, as a connector signs what it produces.
  const toRecords = signedKafkaBatch(hooks.signers);
  const clock = hooks.clock ?? realClock;
  // Small chunks at low rates, so the stream flows rather than arriving in bursts.
  const chunkSize =
    options.rate === undefined ? CHUNK_SIZE : Math.max(1, Math.min(CHUNK_SIZE, Math.floor(options.rate / 4)));

  await bus.ensureTopics([{ topic: target.topic, partitions: PARTITIONS, retentionMs: target.retentionMs }]);
  const producer = hooks.producer ?? (await bus.createProducer());
  const started = clock.now();
  let published = 0;
  let chunk: SyntheticSignal[] = [];
  const flush = async (): Promise<void> => {
    await producer.send(target.topic, toRecords(chunk));
    published += chunk.length;
    chunk = [];
    if (options.rate !== undefined) {
      const ahead = (published / options.rate) * 1000 - (clock.now() - started);
      if (ahead > 0) await clock.sleep(ahead);
    }
    hooks.onProgress?.(published, (clock.now() - started) / 1000);
  };
  try {
    for (const signal of nationalSignals(reference, faker, options)) {
      chunk.push(signal);
      if (chunk.length >= chunkSize) await flush();
    }
    if (chunk.length > 0) await flush();
  } finally {
    if (!hooks.producer) await producer.disconnect();
  }
  return { published };
}
