import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  ContractDecodeError,
  decodeFeedback,
  DEFAULT_TOPIC_RETENTION_MS,
  FeedbackStatus,
  TOPIC_FEEDBACK,
} from '@signaalhub/contracts';
import type { BatchConsumer, KafkaBus } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';
import { ConnectorsTopics } from '../config/connectors-topics.js';

/** One feedback message of the hub, as the connectors hand it on (pull, status, webhook). */
export interface FeedbackMessage {
  creditorId: string;
  feedbackId: string;
  creditorSignalRef: string;
  status: string;
  reasonCode?: string;
  occurredAt?: string;
  /** Where the message is in the feedback stream: `<partition>-<offset>`, stable across restarts. */
  cursor: string;
}

export type FeedbackListener = (message: FeedbackMessage) => void;

/** The cursor of a Kafka position: stable across restarts, because it is the position itself. */
export function feedbackCursor(partition: number, offset: string): string {
  return `${partition}-${offset}`;
}

/**
 * The one reader of the feedback topic in a connectors process; the pull/status side and the
 * webhooks listen to it. A consumer group of this process's own reads the topic from its beginning
 * at every start, so the in-memory views are rebuilt within the topic's retention; what must not
 * happen twice across a restart (a webhook delivery) keeps its own durable record.
 */
@Injectable()
export class FeedbackStream implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedbackStream.name);
  private readonly listeners: FeedbackListener[] = [];
  private consumer: BatchConsumer | null = null;

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
  ) {}

  /** Called by listeners while the app is built, before the stream starts at bootstrap. */
  listen(listener: FeedbackListener): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap(): void {
    // In the background: the ingress must not wait for a consumer group to form.
    void this.start().catch((error: unknown) =>
      this.logger.error(`The feedback consumer did not start: ${String(error)}`),
    );
  }

  private async start(): Promise<void> {
    await this.bus.ensureTopics([
      { topic: this.topics.feedback, partitions: 4, retentionMs: DEFAULT_TOPIC_RETENTION_MS[TOPIC_FEEDBACK]! },
    ]);
    const consumer = this.bus.createConsumer({
      groupId: `signaalhub-connectors-feedback-${randomBytes(6).toString('hex')}`,
      topics: [this.topics.feedback],
      fromBeginning: true,
    });
    this.consumer = consumer;
    await consumer.start(async (batch) => {
      for (const message of batch.messages) {
        if (!message.value) continue;
        let feedback;
        try {
          feedback = decodeFeedback(message.value);
        } catch (error) {
          // Not ours to judge: a message no listener could read is skipped, not retried forever.
          if (error instanceof ContractDecodeError) continue;
          throw error;
        }
        const decoded: FeedbackMessage = {
          creditorId: feedback.creditorId,
          feedbackId: feedback.feedbackId,
          creditorSignalRef: feedback.creditorSignalRef,
          status: FeedbackStatus[feedback.status] ?? String(feedback.status),
          ...(feedback.reasonCode ? { reasonCode: feedback.reasonCode } : {}),
          ...(feedback.occurredAt
            ? { occurredAt: new Date(Number(feedback.occurredAt.seconds) * 1000).toISOString() }
            : {}),
          cursor: feedbackCursor(batch.partition, message.offset),
        };
        for (const listener of this.listeners) listener(decoded);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
