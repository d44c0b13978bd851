import kafkajs from 'kafkajs';
import type {
  BatchConsumer,
  BatchConsumerOptions,
  BatchHandler,
  ConsumedMessage,
  KafkaBus,
  KafkaBusOptions,
  OutgoingMessage,
  Producer,
  TopicSpec,
} from './bus.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

type KafkaClient = InstanceType<typeof Kafka>;

export function createKafkaBus(options: KafkaBusOptions): KafkaBus {
  const log = options.log ?? (() => undefined);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    // kafkajs logs message metadata only, but route it through our logger so nothing reaches stdout raw.
    logCreator: () => (entry) => {
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
      log(level, `${entry.namespace}: ${entry.log.message}`);
    },
    retry: { retries: 8, initialRetryTime: 200 },
  });
  // Readiness probes must answer within a scrape interval, not after the client's full retry budget.
  const probe = new Kafka({
    clientId: `${options.clientId}-probe`,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });
  return new KafkajsBus(kafka, probe);
}

class KafkajsBus implements KafkaBus {
  private readonly admin;
  private adminConnected: Promise<void> | null = null;
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(
    private readonly kafka: KafkaClient,
    private readonly probe: KafkaClient,
  ) {
    this.admin = kafka.admin();
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
    const producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const disconnect = () => producer.disconnect();
    this.closers.push(disconnect);
    return {
      send: async (topic: string, messages: OutgoingMessage[]) => {
        for (const chunk of requestSized(messages)) await producer.send({ topic, acks: -1, messages: chunk });
      },
      disconnect,
    };
  }

  createConsumer(options: BatchConsumerOptions): BatchConsumer {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
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
        await consumer.connect();
        running = true;
        for (const topic of options.topics) {
          await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
        }
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
            await handler({ topic: batch.topic, partition: batch.partition, messages });
            const last = messages[messages.length - 1];
            // resolveOffset moves kafkajs' own read position past the batch (without it the same
            // batch is fetched again); the commit makes that position survive a restart.
            resolveOffset(last.offset);
            // The committed offset is the next one to read.
            await consumer.commitOffsets([
              { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
            ]);
            await heartbeat();
          },
        });
      },
      stop,
    };
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    await this.connectAdmin();
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions ?? 4, replicationFactor: 1 })),
    });
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
  }
}

/**
 * The broker refuses a produce request over `message.max.bytes` (1 MiB by default) as a whole and
 * without retry; a large batch (say, a DLQ batch of a whole rejected partition fetch) goes in parts.
 */
const MAX_REQUEST_BYTES = 512 * 1024;

export function* requestSized(messages: OutgoingMessage[]): Generator<OutgoingMessage[]> {
  let chunk: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message);
    if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function sizeOf(message: OutgoingMessage): number {
  let size = 64 + (message.value?.length ?? 0) + (message.key ? Buffer.byteLength(message.key) : 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + Buffer.byteLength(value);
  return size;
}

function normaliseHeaders(headers: Record<string, unknown> | undefined): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = first === undefined ? undefined : Buffer.isBuffer(first) ? first : Buffer.from(String(first));
  }
  return out;
}
