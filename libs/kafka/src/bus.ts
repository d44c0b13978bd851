/**
 * The project's only view of Kafka. Apps and tests talk to this interface; behind it, an adapter
 * per client (kafkajs, @platformatic/kafka), chosen by createKafkaBus.
 */
export interface OutgoingMessage {
  key: string | Buffer | null;
  value: Buffer | null;
  headers?: Record<string, string | Buffer>;
  /**
   * Producer timestamp (ms since the epoch, as a decimal string); the broker's clock when absent.
   * Consumers must never base a security decision on it: any producer can set any value.
   */
  timestamp?: string;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | undefined>;
  /** Broker timestamp in milliseconds since the epoch. */
  timestamp: number;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}

/** Where the brokers stored a produced message. */
export interface MessagePosition {
  partition: number;
  offset: string;
}

export interface Producer {
  /**
   * Resolves once every message is acknowledged by all in-sync replicas, with each message's
   * position, in the order of `messages` (null where the client could not tell it).
   */
  send(topic: string, messages: OutgoingMessage[]): Promise<Array<MessagePosition | null>>;
  disconnect(): Promise<void>;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where a group without committed offsets starts. The hub starts at the beginning: no signal is skipped. */
  fromBeginning?: boolean;
  /** Partitions handled at once by this instance. */
  concurrency?: number;
  /**
   * How long the group waits for a silent member (a killed process) before it hands its partitions
   * to the others; also what a restarted instance waits to rejoin. At least 6 s (the broker's
   * minimum by default); 30 s when absent.
   */
  sessionTimeoutMs?: number;
}

/**
 * Handles one batch of one partition. The offsets of the batch are committed only after the
 * handler resolves; a handler that throws leaves them uncommitted, so the batch is delivered again.
 */
export type BatchHandler = (batch: MessageBatch) => Promise<void>;

export interface BatchConsumer {
  start(handler: BatchHandler): Promise<void>;
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /**
   * `retention.ms` the topic is created with. Required: a broker default (7 days, or whatever the
   * cluster says) must never decide how long personal data stays on a topic.
   */
  retentionMs: number;
  /**
   * `max.message.bytes` the topic is created with; the broker's default when absent. The dead-letter
   * topic needs more than the topic its messages come from: a dead letter is its original plus a seal
   * and headers.
   */
  maxMessageBytes?: number;
}

export interface KafkaBus {
  createProducer(): Promise<Producer>;
  createConsumer(options: BatchConsumerOptions): BatchConsumer;
  /**
   * Creates the missing topics with their config and resolves once every partition of every topic
   * has a leader, also when another client created them a moment earlier. An existing topic is left
   * as it is (a production cluster is never altered silently); a different retention is logged.
   */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** The topic's config as the broker reports it (e.g. `retention.ms`), for checks and tests. */
  topicConfig(topic: string): Promise<Record<string, string>>;
  /** True when the cluster answers a metadata request. */
  ping(): Promise<boolean>;
  /** Messages in `topic` not yet committed by `groupId`, summed over partitions. */
  consumerLag(groupId: string, topic: string): Promise<number>;
  /** Latest offset per partition (the count of messages ever written, for benchmarks and tests). */
  topicEndOffsets(topic: string): Promise<Map<number, bigint>>;
  /** Moves a stopped group back to the start of `topic`: a replay (and the redelivery test). */
  resetConsumerGroup(groupId: string, topic: string): Promise<void>;
  close(): Promise<void>;
}

export type KafkaClientName = 'kafkajs' | 'platformatic';

export interface KafkaBusOptions {
  brokers: string[];
  /** The client behind the bus; `KAFKA_CLIENT` when absent, else kafkajs. */
  client?: KafkaClientName;
  clientId: string;
  /** Receives the client's own warnings and errors; never message contents. */
  log?: (level: 'error' | 'warn' | 'info', message: string) => void;
  /** TLS to the brokers; absent means plaintext. */
  tls?: KafkaTls;
  /** SASL authentication; absent means none. */
  sasl?: KafkaSasl;
}

export interface KafkaTls {
  /** PEM CA certificate(s) the brokers' certificates are checked against; absent: the system CAs. */
  ca?: string;
  /** PEM client certificate and key, for brokers that require mutual TLS. */
  cert?: string;
  key?: string;
}

export interface KafkaSasl {
  mechanism: 'scram-sha-512';
  username: string;
  password: string;
}
