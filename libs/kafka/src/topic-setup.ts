import type { TopicSpec } from './bus.js';
import { DEFAULT_RETRY_POLICY, isRetriableKafkaError, withRetry, type RetryHooks, type RetryPolicy } from './retry.js';

export const DEFAULT_PARTITIONS = 4;
export const RETENTION_MS = 'retention.ms';
export const MAX_MESSAGE_BYTES = 'max.message.bytes';

/** What topic setup needs from a Kafka admin client; the adapter of the client implements it. */
export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  /** Creates the topics; a topic that exists already (another client was first) is not an error. */
  createTopics(topics: Array<{ topic: string; partitions: number; config: Record<string, string> }>): Promise<void>;
  /** Leader per partition (-1 or absent: none), as the cluster's metadata says now. */
  partitionLeaders(topics: string[]): Promise<Array<{ topic: string; partition: number; leader: number | null }>>;
  /**
   * Asks every partition's leader for its offsets: resolves only once each leader actually serves
   * its partition. Metadata names a leader a moment before that broker takes the partition on,
   * and a produce in that moment is refused ("not the leader") and, retried, written twice.
   */
  leadersServe(topics: string[]): Promise<void>;
  topicConfig(topic: string): Promise<Record<string, string>>;
}

export interface TopicSetupOptions {
  /** How long to wait for leaders after creation before giving up. */
  leaderTimeoutMs?: number;
  pollMs?: number;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
  now?: () => number;
  warn?: (message: string) => void;
}

/**
 * Creates what is missing, then waits until every partition has a leader, for created and for
 * existing topics alike: a client that lost the race to create a topic otherwise goes on while the
 * winner's partitions are still being assigned, and its first fetch or produce is refused.
 */
export async function ensureTopicsOn(
  admin: TopicAdmin,
  specs: TopicSpec[],
  options: TopicSetupOptions = {},
): Promise<void> {
  for (const spec of specs) assertSpec(spec);
  if (specs.length === 0) return;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const existing = await withRetry(async () => new Set(await admin.listTopics()), policy, options.hooks);
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    await withRetry(
      () =>
        admin.createTopics(
          missing.map((s) => ({
            topic: s.topic,
            partitions: s.partitions ?? DEFAULT_PARTITIONS,
            config: {
              [RETENTION_MS]: String(s.retentionMs),
              ...(s.maxMessageBytes === undefined ? {} : { [MAX_MESSAGE_BYTES]: String(s.maxMessageBytes) }),
            },
          })),
        ),
      policy,
      options.hooks,
    );
  }
  await waitForLeaders(
    admin,
    specs.map((s) => s.topic),
    options,
  );
  for (const spec of specs.filter((s) => existing.has(s.topic))) {
    const config = await withRetry(() => admin.topicConfig(spec.topic), policy, options.hooks);
    const actual = config[RETENTION_MS];
    if (actual !== String(spec.retentionMs)) {
      options.warn?.(
        `Topic ${spec.topic} exists with ${RETENTION_MS}=${actual ?? 'unset'}, configured ${spec.retentionMs}; ` +
          'left unchanged (alter it on the cluster if the configured value is meant)',
      );
    }
    const maxBytes = config[MAX_MESSAGE_BYTES];
    if (spec.maxMessageBytes !== undefined && !(Number(maxBytes) >= spec.maxMessageBytes)) {
      options.warn?.(
        `Topic ${spec.topic} exists with ${MAX_MESSAGE_BYTES}=${maxBytes ?? 'unset'}, configured ${spec.maxMessageBytes}; ` +
          'left unchanged (alter it on the cluster: a message it refuses stops its producer)',
      );
    }
  }
}

/** Partitions still without a leader, as `topic/partition`; a topic the metadata lacks counts whole. */
export function partitionsWithoutLeader(
  topics: string[],
  leaders: Array<{ topic: string; partition: number; leader: number | null }>,
): string[] {
  const out: string[] = [];
  for (const topic of topics) {
    const partitions = leaders.filter((l) => l.topic === topic);
    if (partitions.length === 0) out.push(`${topic}/*`);
    for (const p of partitions) if (p.leader === null || p.leader < 0) out.push(`${topic}/${p.partition}`);
  }
  return out;
}

async function waitForLeaders(admin: TopicAdmin, topics: string[], options: TopicSetupOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const sleep = options.hooks?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + (options.leaderTimeoutMs ?? 30_000);
  let pending: string[] = topics.map((t) => `${t}/*`);
  let lastError: unknown;
  for (;;) {
    try {
      pending = partitionsWithoutLeader(topics, await admin.partitionLeaders(topics));
      if (pending.length === 0) await admin.leadersServe(topics);
      lastError = undefined;
    } catch (error) {
      // Metadata of a topic created a moment ago may not have reached the broker asked yet, or a
      // leader not taken its partition on; an error that will not pass (say, authorisation) ends
      // the wait at once.
      if (!(options.hooks?.isRetriable ?? isRetriableKafkaError)(error)) throw error;
      pending = pending.length === 0 ? topics.map((t) => `${t}/leader`) : pending;
      lastError = error;
    }
    if (pending.length === 0) return;
    if (now() >= deadline) {
      throw new Error(
        `Kafka topics have partitions without a leader after ${options.leaderTimeoutMs ?? 30_000} ms: ${pending.slice(0, 10).join(', ')}`,
        { cause: lastError },
      );
    }
    await sleep(options.pollMs ?? 100);
  }
}

function assertSpec(spec: TopicSpec): void {
  // No -1 (keep forever): every topic here may carry personal data, which must not outlive its purpose.
  if (!Number.isSafeInteger(spec.retentionMs) || spec.retentionMs <= 0) {
    throw new RangeError(`retentionMs of ${spec.topic} must be a positive whole number of milliseconds`);
  }
  if (spec.maxMessageBytes !== undefined && (!Number.isSafeInteger(spec.maxMessageBytes) || spec.maxMessageBytes < 1)) {
    throw new RangeError(`maxMessageBytes of ${spec.topic} must be a positive whole number of bytes`);
  }
  if (spec.partitions !== undefined && (!Number.isInteger(spec.partitions) || spec.partitions < 1)) {
    throw new RangeError(`partitions of ${spec.topic} must be a positive whole number`);
  }
}
