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
import { feedbackCursor } from '../rest-ingress/feedback-log.js';
import { FeedbackWebhookDispatcher } from './webhook-dispatcher.js';

/**
 * Feeds the dispatcher from the feedback topic. Like the pull side, a consumer group of this
 * process's own reads the topic from its beginning at every start, so after a restart feedback within
 * the topic's retention is delivered again: receivers deduplicate by feedback id.
 */
@Injectable()
export class FeedbackWebhooksService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedbackWebhooksService.name);
  private consumer: BatchConsumer | null = null;

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
    @Inject(FeedbackWebhookDispatcher) private readonly dispatcher: FeedbackWebhookDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    void this.start().catch((error: unknown) =>
      this.logger.error(`The feedback webhook consumer did not start: ${String(error)}`),
    );
  }

  private async start(): Promise<void> {
    await this.bus.ensureTopics([
      { topic: this.topics.feedback, partitions: 4, retentionMs: DEFAULT_TOPIC_RETENTION_MS[TOPIC_FEEDBACK]! },
    ]);
    const consumer = this.bus.createConsumer({
      groupId: `signaalhub-connectors-webhooks-${randomBytes(6).toString('hex')}`,
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
          if (error instanceof ContractDecodeError) continue;
          throw error;
        }
        this.dispatcher.enqueue({
          feedbackId: feedback.feedbackId,
          creditorId: feedback.creditorId,
          creditorSignalRef: feedback.creditorSignalRef,
          status: FeedbackStatus[feedback.status] ?? String(feedback.status),
          ...(feedback.reasonCode ? { reasonCode: feedback.reasonCode } : {}),
          ...(feedback.occurredAt
            ? { occurredAt: new Date(Number(feedback.occurredAt.seconds) * 1000).toISOString() }
            : {}),
          cursor: feedbackCursor(batch.partition, message.offset),
        });
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
