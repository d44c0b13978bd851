import kafkajs from 'kafkajs';
import type {
  BatchConsumer,
  BatchConsumerOptions,
  BatchHandler,
  ConsumedMessage,
  KafkaBus,
  KafkaBusOptions,
  MessagePosition,
  OutgoingMessage,
  Producer,
  TopicSpec,
} from './bus.js';
import { messagePositions, requestSized } from './produce-requests.js';
import {
  DEFAULT_RETRY_POLICY,
  messageOf,
  SEND_RETRY_POLICY,
  withRetry,
  type RetryHooks,
  type RetryPolicy,
} from './retry.js';
import { ensureTopicsOn, type TopicAdmin } from './topic-setup.js';

const { ConfigResourceTypes, Kafka, logLevel, Partitioners } = kafkajs;

type KafkaClient = InstanceType<typeof Kafka>;
type KafkaLog = NonNullable<KafkaBusOptions['log']>;

export function createKafkajsBus(options: KafkaBusOptions): KafkaBus {
  const log = options.log ?? (() => undefined);
  const security = securityOptions(options);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...security,
    logLevel: logLevel.WARN,
    // kafkajs logs message metadata only, but route it through our logger so nothing reaches stdout raw.
    logCreator: () => (entry) => {
      const type = (entry.log as { type?: unknown }).type;
      // Losing the race to create a topic is expected and handled (see ensureTopics), not an error.
      if (type === 'TOPIC_ALREADY_EXISTS') return;
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
      log(level, `${entry.namespace}: ${entry.log.message}${typeof type === 'string' ? ` (${type})` : ''}`);
    },
    retry: { retries: 8, initialRetryTime: 200 },
  });
  // Readiness probes must answer within a scrape interval, not after the client's full retry budget.
  const probe = new Kafka({
    clientId: `${options.clientId}-probe`,
    brokers: options.brokers,
    ...security,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });
  return new KafkajsBus(kafka, probe, log);
}

function securityOptions(options: KafkaBusOptions): Pick<kafkajs.KafkaConfig, 'ssl' | 'sasl'> {
  const out: Pick<kafkajs.KafkaConfig, 'ssl' | 'sasl'> = {};
  if (options.tls) {
    const { ca, cert, key } = options.tls;
    // Hostname and chain are always verified (rejectUnauthorized stays at its default, true).
    out.ssl = { ...(ca ? { ca: [ca] } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  }
  if (options.sasl) {
    out.sasl = {
      mechanism: options.sasl.mechanism,
      username: options.sasl.username,
      password: options.sasl.password,
    };
  }
  return out;
}

class KafkajsBus implements KafkaBus {
  private readonly admin;
  private adminConnected: Promise<void> | null = null;
  private readonly closers: Array<() => Promise<void>> = [];

  private readonly retryHooks: RetryHooks;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly probe: KafkaClient,
    private readonly log: KafkaLog,
  ) {
    this.admin = kafka.admin();
    this.quickAdmin = probe.admin();
    this.retryHooks = {
      onRetry: (error, retry, delayMs) =>
        log('warn', `retrying after a transient Kafka error (retry ${retry}, in ${delayMs} ms): ${messageOf(error)}`),
    };
  }

  private retry<T>(attempt: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
    return withRetry(attempt, policy, this.retryHooks);
  }

  /** An admin without retries of its own, for asking once per poll (see leadersServe). */
  private readonly quickAdmin;
  private quickAdminConnected: Promise<void> | null = null;

  private async probeOffsets(topic: string): Promise<void> {
    this.quickAdminConnected ??= this.quickAdmin.connect().catch((error: unknown) => {
      this.quickAdminConnected = null;
      throw error;
    });
    await this.quickAdminConnected;
    await this.quickAdmin.fetchTopicOffsets(topic);
  }

  private connectAdmin(): Promise<void> {
    this.adminConnected ??= this.admin.connect().catch((error: unknown) => {
      this.adminConnected = null;
      throw error;
    });
    return this.adminConnected;
  }

  async createProducer(): Promise<Producer> {
    // Not kafkajs' idempotent mode: it demands unlimited retries, so a lost broker would hang a send
    // forever. A retried send may write a message twice; every consumer here deduplicates (the hub
    // by payload hash, feedback consumers by feedback id).
    // The default partitioner (murmur2 of the key, as the Java client), watched: the partition it
    // picks for each message, with the broker's base offset per partition, gives each its position.
    const chosen = new WeakMap<object, number>();
    const producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: () => {
        const partitioner = Partitioners.DefaultPartitioner();
        return (args) => {
          const partition = partitioner(args);
          chosen.set(args.message, partition);
          return partition;
        };
      },
    });
    await this.retry(() => producer.connect());
    const disconnect = () => producer.disconnect();
    this.closers.push(disconnect);
    return {
      send: async (topic: string, messages: OutgoingMessage[]) => {
        const positions: Array<MessagePosition | null> = [];
        for (const chunk of requestSized(messages)) {
          // Copies the client may annotate, so a message sent twice by a caller is two messages here.
          const sent = chunk.map((message) => ({ ...message }));
          const metadata = await this.retry(
            () => producer.send({ topic, acks: -1, messages: sent }),
            SEND_RETRY_POLICY,
          );
          positions.push(...messagePositions(sent, metadata, (m) => chosen.get(m)));
        }
        return positions;
      },
      disconnect,
    };
  }

  createConsumer(options: BatchConsumerOptions): BatchConsumer {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    // A third of the session at most, so one lost heartbeat does not end the membership.
    const heartbeatInterval = Math.min(3_000, Math.floor(sessionTimeout / 3));
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout,
      heartbeatInterval,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // A subscription must never create a topic with the broker's defaults (partitions, retention).
      allowAutoTopicCreation: false,
    });
    // The client restarts itself after a retriable crash; any other crash stops consumption, which
    // must not pass unnoticed.
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) {
        this.log('error', `consumer of group ${options.groupId} stopped: ${messageOf(event.payload.error)}`);
      }
    });
    let running = false;
    const stop = async () => {
      if (!running) return;
      running = false;
      await consumer.disconnect();
    };
    this.closers.push(stop);
    return {
      start: async (handler: BatchHandler) => {
        running = true;
        await this.retry(async () => {
          await consumer.connect();
          await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
        });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: options.concurrency ?? 1,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
            if (!isRunning() || isStale() || batch.messages.length === 0) return;
            const messages: ConsumedMessage[] = batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key,
              value: m.value,
              headers: normaliseHeaders(m.headers),
              timestamp: Number(m.timestamp),
            }));
            // kafkajs heartbeats only between batches. A batch that takes longer than the session
            // (a large fetch on a busy machine) would get this member expelled, its commit refused and
            // the batch handed to another member, over and over; so the handler runs with heartbeats.
            const beating = setInterval(() => void heartbeat().catch(() => undefined), heartbeatInterval);
            try {
              await handler({ topic: batch.topic, partition: batch.partition, messages });
            } catch (error) {
              throw new BatchFailedError(error);
            } finally {
              clearInterval(beating);
            }
            const last = messages[messages.length - 1];
            // resolveOffset moves kafkajs' own read position past the batch (without it the same
            // batch is fetched again); the commit makes that position survive a restart.
            resolveOffset(last.offset);
            try {
              // The committed offset is the next one to read.
              await consumer.commitOffsets([
                { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
              ]);
            } catch (error) {
              // The batch is handled; only its position was not saved (say, the group rebalanced
              // while the batch ran). Whoever reads the partition next starts at the last saved
              // position and gets the batch again, which every handler here takes idempotently.
              this.log('warn', `offset commit of ${batch.topic}/${batch.partition} refused: ${messageOf(error)}`);
              throw commitRefused(error);
            }
            // kafkajs heartbeats again after this batch and rejoins from there if the group moved on.
            await heartbeat().catch(() => undefined);
          },
        });
      },
      stop,
    };
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    await this.retry(() => this.connectAdmin());
    await ensureTopicsOn(this.topicAdmin(), topics, {
      hooks: this.retryHooks,
      warn: (message) => this.log('warn', message),
    });
  }

  async topicConfig(topic: string): Promise<Record<string, string>> {
    await this.connectAdmin();
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    });
    return Object.fromEntries((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
  }

  private topicAdmin(): TopicAdmin {
    return {
      listTopics: () => this.admin.listTopics(),
      createTopics: async (topics) => {
        // Leaders are awaited by the caller for created and existing topics alike; the client's
        // own wait is skipped because it returns early when another client created the topic.
        await this.admin.createTopics({
          waitForLeaders: false,
          topics: topics.map((t) => ({
            topic: t.topic,
            numPartitions: t.partitions,
            replicationFactor: 1,
            configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
          })),
        });
      },
      partitionLeaders: async (topics) => {
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics });
        return metadata.flatMap((t) =>
          t.partitions.map((p) => ({
            topic: t.name,
            partition: p.partitionId,
            leader: p.partitionErrorCode === 0 ? p.leader : null,
          })),
        );
      },
      leadersServe: async (topics) => {
        // ListOffsets goes to each partition's leader, which refuses it until it hosts the partition.
        await Promise.all(topics.map((topic) => this.probeOffsets(topic)));
      },
      topicConfig: (topic) => this.topicConfig(topic),
    };
  }

  async ping(): Promise<boolean> {
    const admin = this.probe.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async consumerLag(groupId: string, topic: string): Promise<number> {
    await this.connectAdmin();
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]),
    );
    let lag = 0n;
    for (const end of ends) {
      const done = committedByPartition.get(end.partition) ?? 0n;
      const high = BigInt(end.high);
      if (high > done) lag += high - done;
    }
    return Number(lag);
  }

  async topicEndOffsets(topic: string): Promise<Map<number, bigint>> {
    await this.connectAdmin();
    const ends = await this.admin.fetchTopicOffsets(topic);
    return new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
  }

  async resetConsumerGroup(groupId: string, topic: string): Promise<void> {
    await this.connectAdmin();
    await this.admin.resetOffsets({ groupId, topic, earliest: true });
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
    if (this.adminConnected) await this.admin.disconnect().catch(() => undefined);
    if (this.quickAdminConnected) await this.quickAdmin.disconnect().catch(() => undefined);
  }
}

/**
 * A batch whose handler threw, to be delivered again. kafkajs stops a consumer for good, without
 * restarting it, when the handler's error is a TypeError, RangeError, ReferenceError or SyntaxError,
 * or says it is not retriable (say, a driver's error while PostgreSQL restarts): the instance would
 * look alive and consume nothing more. Whatever the cause, this error is retried, and after the
 * client's retries the consumer restarts. The cause is kept in the message only: kafkajs decides by
 * the innermost `cause`.
 */
class BatchFailedError extends Error {
  override readonly name = 'BatchFailedError';
  readonly retriable = true;

  constructor(error: unknown) {
    super(`the batch handler failed: ${messageOf(error)}`);
  }
}

/** Group-membership errors after which kafkajs rejoins the group at once when it sees their type. */
const REJOIN_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

/**
 * A refused offset commit, as the error the batch callback throws. kafkajs reports a refusal like
 * REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID (this member's generation is over)
 * wrapped as not retriable; thrown as it is, it crashes the consumer without a restart, and the
 * instance consumes nothing more. So the error thrown is always retriable, and carries the
 * membership error's type where there is one, so kafkajs rejoins the group straight away.
 */
export function commitRefused(error: unknown): Error & { retriable: true; type?: string } {
  const type = rootCauseType(error);
  const refused = new CommitRefusedError(error);
  if (type !== undefined && REJOIN_TYPES.has(type)) refused.type = type;
  return refused;
}

class CommitRefusedError extends Error {
  override readonly name = 'CommitRefusedError';
  readonly retriable = true as const;
  type?: string;

  constructor(error: unknown) {
    // As with BatchFailedError, no `cause`: kafkajs decides on restarting by the innermost cause.
    super(`the offset commit was refused: ${messageOf(error)}`);
  }
}

function rootCauseType(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current; depth++) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function normaliseHeaders(headers: Record<string, unknown> | undefined): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = first === undefined ? undefined : Buffer.isBuffer(first) ? first : Buffer.from(String(first));
  }
  return out;
}
