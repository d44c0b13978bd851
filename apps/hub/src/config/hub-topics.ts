import { DLQ_MAX_MESSAGE_BYTES, TOPIC_FEEDBACK, TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ } from '@signaalhub/contracts';
import type { TopicSpec } from '@signaalhub/kafka';
import type { HubConfig } from './hub-config.js';

/** Partitions of each hub topic: how many batches of signals the hub can store at once, at most. */
export const PARTITIONS = 4;

/** The contract topic names, behind an optional prefix that keeps test runs and tenants apart. */
export class HubTopics {
  readonly signals: string;
  readonly deadLetter: string;
  readonly feedback: string;

  constructor(prefix: string) {
    this.signals = prefix + TOPIC_SIGNALS;
    this.deadLetter = prefix + TOPIC_SIGNALS_DLQ;
    this.feedback = prefix + TOPIC_FEEDBACK;
  }

  /** How the hub creates its topics: partitions and the configured retention of each. */
  specs(config: RetentionSettings): { signals: TopicSpec; deadLetter: TopicSpec; feedback: TopicSpec } {
    return {
      signals: { topic: this.signals, partitions: PARTITIONS, retentionMs: config.KAFKA_SIGNALS_RETENTION_MS },
      deadLetter: {
        topic: this.deadLetter,
        partitions: PARTITIONS,
        retentionMs: config.KAFKA_DLQ_RETENTION_MS,
        maxMessageBytes: DLQ_MAX_MESSAGE_BYTES,
      },
      feedback: { topic: this.feedback, partitions: PARTITIONS, retentionMs: config.KAFKA_FEEDBACK_RETENTION_MS },
    };
  }
}

type RetentionSettings = Pick<
  HubConfig,
  'KAFKA_SIGNALS_RETENTION_MS' | 'KAFKA_DLQ_RETENTION_MS' | 'KAFKA_FEEDBACK_RETENTION_MS'
>;
