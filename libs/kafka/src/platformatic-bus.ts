import {
  Admin,
  compatibilityPartitioner,
  ConfigResourceTypes,
  Consumer,
  ListOffsetTimestamps,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer as ClientProducer,
  SASLMechanisms,
  type BaseOptions,
  type Message,
  type MessageToProduce,
  type MessagesStream,
} from '@platformatic/kafka';
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
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  SEND_RETRY_POLICY,
  withRetry,
  type RetryHooks,
  type RetryPolicy,
  messageOf,
} from './retry.js';
import { ensureTopicsOn, type TopicAdmin } from './topic-setup.js';

type KafkaLog = NonNullable<KafkaBusOptions['log']>;
type ConnectionOptions = Pick<BaseOptions, 'clientId' | 'bootstrapBrokers' | 'tls' | 'tlsServerName' | 'sasl'>;

/** Between deliveries of a batch whose handler threw, and between restarts of a failed stream. */
const REDELIVERY: RetryPolicy = { attempts: Infinity, initialDelayMs: 300, maxDelayMs: 10_000 };
/** Messages fetched but not yet handled, over all partitions, before fetching pauses. */
const MAX_BUFFERED = 8_192;

/** The KafkaBus on @platformatic/kafka: the same contract as the kafkajs adapter. */
export function createPlatformaticBus(options: KafkaBusOptions): KafkaBus {
  return new PlatformaticBus(options);
}

function connectionOptions(options: KafkaBusOptions, clientId: string): ConnectionOptions {
  const out: ConnectionOptions = { clientId, bootstrapBrokers: options.brokers };
  if (options.tls) {
    const { ca, cert, key } = options.tls;
    // Chain and host name are always verified (rejectUnauthorized stays at its default, true); the
    // host name is also sent (SNI), as kafkajs does.
    out.tls = { ...(ca ? { ca: [ca] } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
    out.tlsServerName = true;
  }
  if (options.sasl) {
    out.sasl = {
      mechanism: SASLMechanisms.SCRAM_SHA_512,
      username: options.sasl.username,
      password: options.sasl.password,
    };
  }
  return out;
}

class PlatformaticBus implements KafkaBus {
  private readonly log: KafkaLog;
  private readonly admin: Admin;
  /** Without retries of its own and with short timeouts: readiness probes and per-poll checks. */
  private readonly probe: Admin;
  private readonly closers: Array<() => Promise<void>> = [];
  private readonly retryHooks: RetryHooks;

  constructor(private readonly options: KafkaBusOptions) {
    this.log = options.log ?? (() => undefined);
    this.admin = new Admin({
      ...connectionOptions(options, options.clientId),
      retries: 8,
      retryDelay: 200,
      autocreateTopics: false,
    });
    this.probe = new Admin({
      ...connectionOptions(options, `${options.clientId}-probe`),
      retries: 0,
      connectTimeout: 1_000,
      timeout: 2_000,
      autocreateTopics: false,
    });
    this.retryHooks = {
      onRetry: (error, retry, delayMs) =>
        this.log(
          'warn',
          `retrying after a transient Kafka error (retry ${retry}, in ${delayMs} ms): ${messageOf(error)}`,
        ),
    };
  }

  private retry<T>(attempt: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
    return withRetry(attempt, policy, this.retryHooks).catch((error: unknown) => {
      throw plainly(error);
    });
  }

  async createProducer(): Promise<Producer> {
    // Not idempotent, as in the kafkajs adapter: a retried send may write a message twice; every
    // consumer here deduplicates (the hub by payload hash, feedback consumers by feedback id).
    const producer = new ClientProducer({
      ...connectionOptions(this.options, this.options.clientId),
      retries: 8,
      retryDelay: 200,
      autocreateTopics: false,
      idempotent: false,
      acks: ProduceAcks.ALL,
    });
    await this.retry(() => producer.metadata({ topics: [] }).then(() => undefined));
    const roundRobin = new Map<string, number>();
    const disconnect = () => producer.close();
    this.closers.push(disconnect);
    return {
      send: async (topic: string, messages: OutgoingMessage[]) => {
        const positions: Array<MessagePosition | null> = [];
        for (const chunk of requestSized(messages)) {
          // The partition is chosen here, not by the client, so that each message's position can be
          // told from the response: murmur2 of the key, as kafkajs and the Java client (a key keeps
          // its partition whichever adapter produced it); keyless messages in turn.
          const metadata = await this.retry(() => producer.metadata({ topics: [topic] }));
          const partitions = metadata.topics.get(topic)?.partitionsCount ?? 1;
          const sent = chunk.map((message) => toProduced(topic, message, partitions, roundRobin));
          const result = await this.retry(
            () => producer.send({ messages: sent, acks: ProduceAcks.ALL, autocreateTopics: false }),
            SEND_RETRY_POLICY,
          );
          const bases = (result.offsets ?? [])
            .filter((o) => o.topic === topic)
            .map((o) => ({ partition: o.partition, baseOffset: o.offset.toString() }));
          positions.push(...messagePositions(sent, bases, (m) => (m as MessageToProduce).partition));
        }
        return positions;
      },
      disconnect,
    };
  }

  createConsumer(options: BatchConsumerOptions): BatchConsumer {
    const consumer = new PartitionedConsumer(this.options, options, this.log, this.retryHooks);
    this.closers.push(() => consumer.stop());
    return consumer;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    await ensureTopicsOn(this.topicAdmin(), topics, {
      hooks: this.retryHooks,
      warn: (message) => this.log('warn', message),
    });
  }

  async topicConfig(topic: string): Promise<Record<string, string>> {
    const [resource] = await this.admin.describeConfigs({
      resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }],
    });
    return Object.fromEntries(
      (resource?.configs ?? []).filter((c) => c.value !== null).map((c) => [c.name, c.value as string]),
    );
  }

  private topicAdmin(): TopicAdmin {
    return {
      listTopics: () => this.admin.listTopics(),
      createTopics: async (topics) => {
        for (const t of topics) {
          try {
            await this.admin.createTopics({
              topics: [t.topic],
              partitions: t.partitions,
              replicas: 1,
              configs: Object.entries(t.config).map(([name, value]) => ({ name, value })),
            });
          } catch (error) {
            // Another client created it a moment earlier: the leaders are awaited all the same.
            if (!onlyTopicExists(error)) throw error;
          }
        }
      },
      partitionLeaders: async (topics) => {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        return topics.flatMap((topic) =>
          (metadata.topics.get(topic)?.partitions ?? []).map((p, partition) => ({
            topic,
            partition,
            leader: p.leader,
          })),
        );
      },
      leadersServe: async (topics) => {
        // ListOffsets goes to each partition's leader, which refuses it until it hosts the partition.
        await Promise.all(topics.map((topic) => this.offsets(this.probe, topic, ListOffsetTimestamps.LATEST)));
      },
      topicConfig: (topic) => this.topicConfig(topic),
    };
  }

  /** The offset per partition at `timestamp` (the end, or the start, of each partition). */
  private async offsets(admin: Admin, topic: string, timestamp: bigint): Promise<Map<number, bigint>> {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const listed = await admin.listOffsets({
      topics: [
        {
          name: topic,
          partitions: Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp })),
        },
      ],
    });
    const out = new Map<number, bigint>();
    for (const t of listed) for (const p of t.partitions) out.set(p.partitionIndex, p.offset);
    return out;
  }

  async ping(): Promise<boolean> {
    try {
      await this.probe.metadata({ topics: [], forceUpdate: true });
      return true;
    } catch {
      return false;
    }
  }

  async consumerLag(groupId: string, topic: string): Promise<number> {
    const ends = await this.offsets(this.admin, topic, ListOffsetTimestamps.LATEST);
    const groups = await this.admin.listConsumerGroupOffsets({
      groups: [{ groupId, topics: [{ name: topic, partitionIndexes: [...ends.keys()] }] }],
    });
    const committed = new Map<number, bigint>();
    for (const t of groups[0]?.topics ?? []) {
      if (t.name !== topic) continue;
      for (const p of t.partitions) committed.set(p.partitionIndex, p.committedOffset < 0n ? 0n : p.committedOffset);
    }
    let lag = 0n;
    for (const [partition, high] of ends) {
      const done = committed.get(partition) ?? 0n;
      if (high > done) lag += high - done;
    }
    return Number(lag);
  }

  topicEndOffsets(topic: string): Promise<Map<number, bigint>> {
    return this.offsets(this.admin, topic, ListOffsetTimestamps.LATEST);
  }

  async resetConsumerGroup(groupId: string, topic: string): Promise<void> {
    const starts = await this.offsets(this.admin, topic, ListOffsetTimestamps.EARLIEST);
    await this.admin.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionOffsets: [...starts].map(([partition, offset]) => ({ partition, offset })) }],
    });
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
    await this.admin.close().catch(() => undefined);
    await this.probe.close().catch(() => undefined);
  }
}

/**
 * The client's message for one of ours. Its header names and values must be Buffers (it is used
 * without serialisers, so every part of a message passes as bytes).
 */
export function toProduced(
  topic: string,
  message: OutgoingMessage,
  partitions: number,
  roundRobin: Map<string, number>,
): MessageToProduce {
  const key = message.key === null ? undefined : Buffer.isBuffer(message.key) ? message.key : Buffer.from(message.key);
  let partition: number;
  if (key) {
    partition = compatibilityPartitioner({ topic }, key) % partitions;
  } else {
    const next = roundRobin.get(topic) ?? 0;
    roundRobin.set(topic, next + 1);
    partition = next % partitions;
  }
  const headers = new Map<Buffer, Buffer>();
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    headers.set(Buffer.from(name), Buffer.isBuffer(value) ? value : Buffer.from(value));
  }
  return {
    topic,
    partition,
    key,
    value: message.value ?? undefined,
    headers,
    ...(message.timestamp === undefined ? {} : { timestamp: BigInt(message.timestamp) }),
  };
}

export function toConsumed(message: Message): ConsumedMessage {
  const headers: Record<string, Buffer | undefined> = {};
  for (const [name, value] of message.headers) {
    const key = Buffer.isBuffer(name) ? name.toString() : String(name);
    // The first of repeated names, as the kafkajs adapter.
    if (!(key in headers)) headers[key] = value === null || value === undefined ? undefined : Buffer.from(value);
  }
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    timestamp: Number(message.timestamp),
  };
}

/** Fetched messages of one partition, waiting for the handler, and where the next one must be. */
interface PartitionQueue {
  topic: string;
  partition: number;
  messages: Message[];
  /** The next offset to take in; an offset below it is already queued or handled (a refetch). */
  next: bigint | undefined;
  busy: boolean;
}

/**
 * The client delivers a stream of messages over all assigned partitions; the contract is batches
 * per partition, committed after their handler resolved. So the stream is split into one queue
 * per partition, and up to `concurrency` partitions are handled at once, each in order: a batch is
 * what its partition's queue holds when the partition's turn comes.
 *
 * A batch whose handler threw is delivered again, by this instance, with a backoff, before any
 * later message of its partition: its offsets stay uncommitted meanwhile, so a restart or a
 * rebalance in between delivers it again too.
 */
class PartitionedConsumer implements BatchConsumer {
  private readonly consumer: Consumer;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  private readonly queues = new Map<string, PartitionQueue>();
  private buffered = 0;
  private active = 0;
  private running = false;
  private scheduled = false;
  private handler: BatchHandler | null = null;
  private readonly idle = new Set<() => void>();
  /** Ends the backoff waits at a stop. */
  private readonly sleepers = new Set<() => void>();
  private restarts = 0;

  constructor(
    bus: KafkaBusOptions,
    private readonly options: BatchConsumerOptions,
    private readonly log: KafkaLog,
    private readonly retryHooks: RetryHooks,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    this.consumer = new Consumer({
      ...connectionOptions(bus, bus.clientId),
      groupId: options.groupId,
      sessionTimeout,
      // A third of the session at most, so one lost heartbeat does not end the membership. The
      // client heartbeats on a timer of its own, also while a batch is being handled.
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      rebalanceTimeout: Math.max(60_000, sessionTimeout),
      autocommit: false,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // A subscription must never create a topic with the broker's defaults (partitions, retention).
      autocreateTopics: false,
      retries: 8,
      retryDelay: 200,
    });
    this.consumer.on('consumer:heartbeat:error', ({ error }) => {
      // A rebalance answers heartbeats with "rejoin"; the client rejoins, which is no news.
      if (errorTree(error).some((e) => e.needsRejoin === true)) return;
      this.log('warn', `heartbeat of group ${options.groupId} failed: ${messageOf(error)}`);
    });
    this.consumer.on('consumer:group:join', () => this.dropRevoked());
  }

  async start(handler: BatchHandler): Promise<void> {
    this.handler = handler;
    this.running = true;
    await this.open();
  }

  private async open(): Promise<void> {
    const stream = await withRetry(
      () =>
        this.consumer.consume({
          topics: this.options.topics,
          mode: MessagesStreamModes.COMMITTED,
          fallbackMode:
            (this.options.fromBeginning ?? true)
              ? MessagesStreamFallbackModes.EARLIEST
              : MessagesStreamFallbackModes.LATEST,
          autocommit: false,
        }),
      DEFAULT_RETRY_POLICY,
      this.retryHooks,
    ).catch((error: unknown) => {
      throw plainly(error);
    });
    if (!this.running) {
      await stream.close().catch(() => undefined);
      return;
    }
    this.stream = stream;
    stream.on('data', (message) => this.take(message));
    stream.on('error', (error) => {
      // The client gives a stream up on an error it does not recover from (say, fetching or reading
      // the committed offsets failed after its own retries); consumption must not end with it. Whatever was fetched but not handled
      // is fetched again from the committed offsets.
      this.log('error', `consumer of group ${this.options.groupId} failed, restarting: ${messageOf(error)}`);
      void this.restart(stream);
    });
  }

  private async restart(failed: MessagesStream<Buffer, Buffer, Buffer, Buffer>): Promise<void> {
    if (this.stream !== failed) return;
    this.stream = null;
    for (const queue of this.queues.values()) this.forget(queue);
    while (this.running) {
      await this.sleep(backoffDelay(++this.restarts, REDELIVERY, Math.random()));
      if (!this.running) return;
      try {
        await this.open();
        this.restarts = 0;
        return;
      } catch (error) {
        this.log('error', `consumer of group ${this.options.groupId} could not restart: ${messageOf(error)}`);
      }
    }
  }

  private take(message: Message): void {
    const key = `${message.topic}:${message.partition}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { topic: message.topic, partition: message.partition, messages: [], next: undefined, busy: false };
      this.queues.set(key, queue);
    }
    // A fetch that was under way when the partition went to another member: handling (and committing)
    // it here could move the partition's committed offset past a batch this member gave up on.
    if (!this.owns(queue)) return;
    // After a rejoin the client fetches again from the committed offset: what is queued or handled
    // already is not taken twice.
    if (queue.next !== undefined && message.offset < queue.next) return;
    queue.next = message.offset + 1n;
    queue.messages.push(message);
    this.buffered++;
    if (this.buffered >= MAX_BUFFERED) this.stream?.pause();
    this.schedule();
  }

  /** On the next turn of the event loop: the rest of a fetch arrives first and joins the batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    for (const [key, queue] of [...this.queues]) {
      if (!this.running || this.active >= concurrency) return;
      if (queue.busy || queue.messages.length === 0) continue;
      // To the back of the line: with more partitions than `concurrency`, each gets its turn.
      this.queues.delete(key);
      this.queues.set(key, queue);
      void this.work(queue);
    }
  }

  private async work(queue: PartitionQueue): Promise<void> {
    queue.busy = true;
    this.active++;
    const messages = queue.messages.splice(0);
    this.buffered -= messages.length;
    if (this.buffered < MAX_BUFFERED / 2 && this.stream?.isPaused()) this.stream.resume();
    try {
      await this.handleUntilDone(queue, messages);
    } finally {
      queue.busy = false;
      this.active--;
      if (this.active === 0) for (const resolve of this.idle) resolve();
      this.schedule();
    }
  }

  private async handleUntilDone(queue: PartitionQueue, messages: Message[]): Promise<void> {
    const batch = { topic: queue.topic, partition: queue.partition, messages: messages.map(toConsumed) };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler!(batch);
        break;
      } catch (error) {
        this.log(
          'warn',
          `handler of ${queue.topic}/${queue.partition} failed, the batch comes again: ${messageOf(error)}`,
        );
        // Not after a stop, nor once the partition went to another member: its next reader starts
        // at the committed offset, before this batch.
        if (!this.running || !this.owns(queue)) return;
        await this.sleep(backoffDelay(attempt, REDELIVERY, Math.random()));
        if (!this.running || !this.owns(queue)) return;
      }
    }
    const last = messages[messages.length - 1];
    try {
      // The committed offset is the next one to read.
      await this.consumer.commit({
        offsets: [
          { topic: queue.topic, partition: queue.partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch },
        ],
      });
    } catch (error) {
      // The batch is handled; only its position was not saved (say, the group rebalanced while the
      // batch ran). Whoever reads the partition next starts at the last saved position and gets the
      // batch again, which every handler here takes idempotently.
      this.log('warn', `offset commit of ${queue.topic}/${queue.partition} refused: ${messageOf(error)}`);
    }
  }

  /** True while the partition is (still) assigned to this member. */
  private owns(queue: PartitionQueue): boolean {
    const assignments = this.consumer.assignments;
    if (!assignments) return false;
    return assignments.some((a) => a.topic === queue.topic && a.partitions.includes(queue.partition));
  }

  /** After a rebalance: what was fetched for partitions this member no longer has is dropped. */
  private dropRevoked(): void {
    for (const queue of this.queues.values()) if (!this.owns(queue)) this.forget(queue);
  }

  private forget(queue: PartitionQueue): void {
    this.buffered -= queue.messages.length;
    queue.messages = [];
    queue.next = undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const wake of [...this.sleepers]) wake();
    // The batches being handled finish (and commit) first, as with kafkajs' disconnect.
    if (this.active > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
    await this.stream?.close().catch(() => undefined);
    this.stream = null;
    await this.consumer.close(true).catch((error: unknown) => {
      this.log('warn', `consumer of group ${this.options.groupId} did not close cleanly: ${messageOf(error)}`);
    });
  }
}

/**
 * A refused login, said as such: the client reports it as the operation that failed after its
 * retries ("metadata failed 9 times"), with the refusal deep in the chain.
 */
export function plainly(error: unknown): unknown {
  const refused = errorTree(error).some(
    (e) => e.code === 'PLT_KFK_AUTHENTICATION' || e.apiId === 'SASL_AUTHENTICATION_FAILED',
  );
  return refused ? new Error('SASL SCRAM-SHA-512 authentication failed', { cause: error }) : error;
}

type ErrorFields = { code?: unknown; apiId?: unknown; needsRejoin?: unknown };

function errorTree(error: unknown): ErrorFields[] {
  const out: ErrorFields[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (typeof e !== 'object' || e === null || seen.has(e) || out.length > 64) return;
    seen.add(e);
    out.push(e);
    visit((e as { cause?: unknown }).cause);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(error);
  return out;
}

/** True when every error in `error` says the topic exists already. */
function onlyTopicExists(error: unknown): boolean {
  const leaves: unknown[] = [];
  const visit = (e: unknown) => {
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) errors.forEach(visit);
    else leaves.push(e);
  };
  visit(error);
  return leaves.length > 0 && leaves.every((e) => (e as { apiId?: unknown }).apiId === 'TOPIC_ALREADY_EXISTS');
}
