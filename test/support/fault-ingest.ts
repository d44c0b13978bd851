// What the fault suite (test/faults) shares: a hub in a process of its own (so SIGKILL is real), a
// workload of valid and refused signals with the exact sets the hub must end with, and the checks
// that compare PostgreSQL, the dead-letter topic and the feedback topic with those sets.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeEnvelope,
  decodeFeedback,
  DLQ_HEADER_REJECT_REASON,
  DLQ_HEADER_SOURCE_OFFSET,
  DLQ_HEADER_SOURCE_PARTITION,
  DLQ_HEADER_SOURCE_TOPIC,
  encodeEnvelope,
  encodeSignal,
  signEnvelope,
  type SignalInit,
} from '@signaalhub/contracts';
import { freePort } from '@signaalhub/devstack';
import type { ConsumedMessage, KafkaBus, OutgoingMessage } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../../apps/connectors/src/index.js';
import type { HubWorld } from './hub-harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INT64_MAX = 9_223_372_036_854_775_807n;

/** The signal count of the fault scenarios: FAULTS_SIGNALS when set (say 200000 for the full proof). */
export function faultSignalCount(fallback: number): number {
  const configured = Number(process.env.FAULTS_SIGNALS ?? '');
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
}

/** A hub started as `node apps/hub/src/main.ts` in a process of its own. */
export class HubProcess {
  private log = '';

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    /** The hub's whole output, kept for a look after a failed run. */
    readonly logFile: string,
  ) {
    const keep = (chunk: Buffer) => {
      appendFileSync(logFile, chunk);
      // The last lines only: enough to say why a start failed.
      this.log = (this.log + chunk.toString()).slice(-8_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(world: HubWorld, overrides: Record<string, string> = {}): Promise<HubProcess> {
    const port = await freePort();
    // A killed instance holds its partitions for the session timeout; the broker's minimum keeps
    // each restart of the suite from waiting the default 30 s.
    const env = await world.env({ PORT: String(port), KAFKA_SESSION_TIMEOUT_SECONDS: '6', ...overrides });
    const child = spawn(process.execPath, ['--import', './tools/ts/register.mjs', 'apps/hub/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new HubProcess(child, port, join(mkdtempSync(join(tmpdir(), 'signaalhub-faults-hub-')), 'hub.log'));
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  output(): string {
    return `${this.log}\n(whole output: ${this.logFile})`;
  }

  /** The HTTP status of /health/ready, or null while nothing answers. */
  async readiness(): Promise<number | null> {
    return fetch(`http://127.0.0.1:${this.port}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.status,
      () => null,
    );
  }

  /** The value of one counter (summed over its labels) on /metrics. */
  async counter(name: string): Promise<number> {
    const text = await fetch(`http://127.0.0.1:${this.port}/metrics`).then((r) => r.text());
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  /** kill -9: no shutdown hook runs, no offset is committed, open transactions die with their connections. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL when it has not exited after 15 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Signals as creditors produce them, with the sets the hub must end with. About one message in
 * `refusedEvery` is refused, in four ways: bytes that are no envelope, a forged signature, an amount
 * beyond what the hub accepts, and a signal without the attestations the covenant requires.
 */
export interface FaultWorkload {
  messages: OutgoingMessage[];
  /** `creditor|ref|payload sha-256` of every valid signal: exactly what `signal` must hold. */
  valid: string[];
  /** SHA-256 of the bytes of every refused message: what the dead letters must hold. */
  refused: Set<string>;
  /** Refused messages that name an authentic creditor, and so get feedback (REJECTED). */
  refusedWithFeedback: number;
}

export function faultWorkload(
  world: HubWorld,
  options: { count: number; seed: number; municipalities: string[]; households?: number; refusedEvery?: number },
): FaultWorkload {
  const signals = generateSignals(loadReferenceData(), options);
  const records = world.records(signals);
  const refusedEvery = options.refusedEvery ?? 50;
  const messages: OutgoingMessage[] = [];
  const valid: string[] = [];
  const refused = new Set<string>();
  let refusedWithFeedback = 0;
  records.forEach((record, i) => {
    const { creditorId, signal } = signals[i];
    messages.push({ key: record.key, value: record.value });
    valid.push(validKey(creditorId, String(signal.creditorSignalRef), decodeEnvelope(record.value).payload));
    if (i % refusedEvery !== refusedEvery - 1) return;
    const ref = `FAULT-${options.seed}-${i}`;
    const signer = world.signer(creditorId);
    const sign = (change: Partial<SignalInit>) => {
      const payload = encodeSignal({ ...(signal as SignalInit), creditorSignalRef: ref, ...change } as SignalInit);
      const envelope = { creditorId, keyId: signer.keyId, payload };
      return { ...envelope, signature: signEnvelope(signer.privateKey, envelope) };
    };
    let value: Buffer;
    switch (((i / refusedEvery) % 4) | 0) {
      case 0:
        value = randomBytes(64);
        break;
      case 1: {
        const forged = sign({});
        forged.signature[0] ^= 0xff;
        value = Buffer.from(encodeEnvelope(forged));
        break;
      }
      case 2:
        value = Buffer.from(encodeEnvelope(sign({ amountCents: INT64_MAX })));
        refusedWithFeedback++;
        break;
      default:
        value = Buffer.from(encodeEnvelope(sign({ personalContactAttempted: false, referredToDebtHelp: false })));
        refusedWithFeedback++;
    }
    refused.add(sha256(value));
    messages.push({ key: `${creditorId}:${ref}`, value });
  });
  return { messages, valid: valid.sort(), refused, refusedWithFeedback };
}

export async function produceAll(bus: KafkaBus, topic: string, messages: OutgoingMessage[]): Promise<void> {
  const producer = await bus.createProducer();
  try {
    for (let i = 0; i < messages.length; i += 2_000) await producer.send(topic, messages.slice(i, i + 2_000));
  } finally {
    await producer.disconnect();
  }
}

/** The stored signals as `creditor|ref|payload sha-256`, sorted: equal to `valid` when nothing was lost or doubled. */
export async function storedSignals(world: HubWorld): Promise<string[]> {
  const { rows } = await world.db.query<{ k: string }>(
    `SELECT creditor_id || '|' || creditor_signal_ref || '|' || encode(payload_sha256, 'hex') AS k FROM signal`,
  );
  return rows.map((r) => r.k).sort();
}

/** Waits until the hub's group has committed every message of the signals topic (so stored or dead-lettered). */
export async function waitForIngest(world: HubWorld, timeoutMs: number, group = `${world.id}-hub`): Promise<number> {
  return world.eventually(
    () => world.bus.consumerLag(group, world.topics.signals).catch(() => -1),
    (lag) => lag === 0,
    timeoutMs,
  );
}

/** Every message on `topic` up to its end at the moment of the call, read under a group of its own. */
export async function readTopic(bus: KafkaBus, topic: string): Promise<ConsumedMessage[]> {
  const ends = await bus.topicEndOffsets(topic);
  const remaining = new Map([...ends].filter(([, end]) => end > 0n));
  const read: ConsumedMessage[] = [];
  if (remaining.size === 0) return read;
  const consumer = bus.createConsumer({ groupId: `faults-reader-${randomBytes(6).toString('hex')}`, topics: [topic] });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.start(async (batch) => {
    const end = remaining.get(batch.partition);
    if (end === undefined) return;
    read.push(...batch.messages.filter((m) => BigInt(m.offset) < end));
    if (BigInt(batch.messages[batch.messages.length - 1].offset) + 1n >= end) remaining.delete(batch.partition);
    if (remaining.size === 0) done();
  });
  try {
    await finished;
  } finally {
    await consumer.stop();
  }
  return read;
}

/**
 * The dead letters as the contract promises them: at least once per refused message, each sealed
 * with its source position, so a reader deduplicates by that position. Returns what a reader ends
 * up with after that, and how many copies it dropped.
 */
export async function deadLetters(world: HubWorld): Promise<{
  byPosition: Map<string, { sha256: string; reason: string }>;
  copies: number;
  conflicting: string[];
}> {
  const byPosition = new Map<string, { sha256: string; reason: string }>();
  const conflicting: string[] = [];
  let copies = 0;
  for (const letter of await readTopic(world.bus, world.topics.deadLetter)) {
    const header = (name: string) => letter.headers[name]?.toString() ?? '';
    const position = `${header(DLQ_HEADER_SOURCE_TOPIC)}/${header(DLQ_HEADER_SOURCE_PARTITION)}/${header(DLQ_HEADER_SOURCE_OFFSET)}`;
    // Opening checks the seal against the position: a copy cannot claim another message's place.
    const opened = { sha256: sha256(world.openDeadLetter(letter)), reason: header(DLQ_HEADER_REJECT_REASON) };
    const earlier = byPosition.get(position);
    if (earlier) {
      copies++;
      if (earlier.sha256 !== opened.sha256 || earlier.reason !== opened.reason) conflicting.push(position);
      continue;
    }
    byPosition.set(position, opened);
  }
  return { byPosition, copies, conflicting };
}

/** The feedback on the topic, deduplicated by feedback id as a creditor does; with the copies dropped. */
export async function publishedFeedback(world: HubWorld): Promise<{ ids: Set<string>; copies: number }> {
  const ids = new Set<string>();
  let copies = 0;
  for (const message of await readTopic(world.bus, world.topics.feedback)) {
    const id = decodeFeedback(message.value ?? Buffer.alloc(0)).feedbackId;
    if (ids.has(id)) copies++;
    ids.add(id);
  }
  return { ids, copies };
}

/**
 * The end state every fault scenario must reach, as one comparable object: every valid signal
 * stored exactly once, every refused message dead-lettered (once per source position) and recorded
 * once in `refused_message`, every feedback row published, and the topic holding each once.
 */
export async function endState(world: HubWorld, workload: FaultWorkload) {
  await world.eventually(
    () => world.count('SELECT count(*) FROM feedback_outbox WHERE published_at IS NULL'),
    (n) => n === 0,
  );
  const stored = await storedSignals(world);
  const storedSet = new Set(stored);
  const letters = await deadLetters(world);
  const feedbackRows = await world.db.query<{ id: string }>('SELECT feedback_id::text AS id FROM feedback_outbox');
  const feedback = await publishedFeedback(world);
  const refusedRows = await world.count('SELECT count(*) FROM refused_message');
  return {
    state: {
      storedCount: stored.length,
      storedEqualsValid: stored.length === workload.valid.length && stored.every((k, i) => k === workload.valid[i]),
      missing: workload.valid.filter((k) => !storedSet.has(k)).length,
      deadLetterPositions: letters.byPosition.size,
      deadLettersEqualRefused: sameSet(
        new Set([...letters.byPosition.values()].map((l) => l.sha256)),
        workload.refused,
      ),
      conflictingDeadLetters: letters.conflicting,
      refusedMessageRows: refusedRows,
      feedbackRows: feedbackRows.rows.length,
      feedbackPublished: sameSet(new Set(feedbackRows.rows.map((r) => r.id)), feedback.ids),
    },
    copies: { deadLetters: letters.copies, feedback: feedback.copies },
  };
}

/** What `endState(...).state` is when nothing was lost, doubled or left behind. */
export function expectedEndState(workload: FaultWorkload) {
  return {
    storedCount: workload.valid.length,
    storedEqualsValid: true,
    missing: 0,
    deadLetterPositions: workload.refused.size,
    deadLettersEqualRefused: true,
    conflictingDeadLetters: [],
    refusedMessageRows: workload.refused.size,
    // Every accepted signal is told ACCEPTED, every refused one of an authentic creditor REJECTED.
    feedbackRows: workload.valid.length + workload.refusedWithFeedback,
    feedbackPublished: true,
  };
}

function validKey(creditorId: string, ref: string, payload: Uint8Array): string {
  return `${creditorId}|${ref}|${createHash('sha256').update(payload).digest('hex')}`;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** A store transaction of the ingest open right now (its statements carry `signaalhub:` tags). */
export function ingestTransactionOpen(world: HubWorld): Promise<number> {
  return world.count(
    `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
     AND xact_start IS NOT NULL AND query LIKE '/* signaalhub:%' AND query NOT LIKE '/* signaalhub:outbox-relay%'`,
  );
}

/**
 * One hub process ingests the workload while `outage` takes a dependency away and brings it back
 * (once the hub stored a part and has a store transaction open). The hub must notice (readiness
 * down), recover by itself (readiness up again, the same process) and finish the ingest. `log` is
 * the hub's output when it did not recover, empty otherwise.
 */
export async function ingestThroughOutage(
  world: HubWorld,
  workload: FaultWorkload,
  outage: { down: () => Promise<void>; up: () => Promise<void> },
  timeoutMs: number,
): Promise<{ readinessWhileDown: number | null; readinessAfter: number | null; sameProcess: boolean; log: string }> {
  const hub = await HubProcess.start(world);
  try {
    const probe = async <T>(read: () => Promise<T>, fallback: T) => read().catch(() => fallback);
    const storedAtOutage = await world.eventually(
      async () =>
        hub.exited
          ? -1
          : (await probe(() => ingestTransactionOpen(world), 0)) > 0
            ? await probe(() => world.count('SELECT count(*) FROM signal'), 0)
            : 0,
      (n) => n !== 0,
      timeoutMs,
    );
    if (storedAtOutage <= 0) throw new Error(`the hub never got to store:\n${hub.output()}`);
    await outage.down();
    const readinessWhileDown = await world.eventually(
      () => hub.readiness(),
      (status) => status !== 200,
      timeoutMs,
    );
    await outage.up();
    const readinessAfter = await world.eventually(
      () => hub.readiness(),
      (status) => status === 200,
      timeoutMs,
    );
    if (readinessAfter !== 200)
      return { readinessWhileDown, readinessAfter, sameProcess: !hub.exited, log: hub.output() };
    await world.eventually(
      () => world.bus.consumerLag(`${world.id}-hub`, world.topics.signals).catch(() => -1),
      (lag) => lag === 0,
      timeoutMs,
    );
    return { readinessWhileDown, readinessAfter, sameProcess: !hub.exited, log: '' };
  } catch (error) {
    throw new Error(`${String(error)}\nhub output:\n${hub.output()}`, { cause: error });
  } finally {
    await hub.stop();
  }
}
