import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  ContractDecodeError,
  decodeFeedback,
  DEFAULT_TOPIC_RETENTION_MS,
  FeedbackStatus,
  signalKey,
  TOPIC_FEEDBACK,
} from '@signaalhub/contracts';
import type { BatchConsumer, KafkaBus } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';
import { ConnectorsTopics } from '../config/connectors-topics.js';
import type { SignalStatusDto } from './submit-signals.dto.js';
import { feedbackCursor, FeedbackLog, type FeedbackEntry } from './feedback-log.js';
import { SignalIngressService } from './signal-ingress.service.js';

/** References whose last feedback is kept; the least recently updated are forgotten first. */
export const REMEMBERED_STATUSES = 200_000;

/** Feedback entries kept per creditor for pulling. */
export const PULLABLE_FEEDBACK_PER_CREDITOR = 100_000;

/**
 * The last feedback the hub sent per signal of the creditors this connector serves, in a bounded
 * in-memory map. It is rebuilt from the feedback topic at every start (a consumer group of this
 * process's own, reading from the beginning), so it covers the topic's retention (14 days by default)
 * and nothing older; a reference it does not know is answered 404. The same consumer keeps each
 * creditor's feedback stream for pulling ({@link FeedbackLog}), each feedback id once.
 */
@Injectable()
export class SignalStatusService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignalStatusService.name);
  private readonly statuses = new Map<string, SignalStatusDto>();
  private readonly log = new FeedbackLog(PULLABLE_FEEDBACK_PER_CREDITOR);
  private consumer: BatchConsumer | null = null;

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
    @Inject(SignalIngressService) private readonly ingress: SignalIngressService,
  ) {}

  status(creditorId: string, ref: string): SignalStatusDto | null {
    return this.statuses.get(signalKey(creditorId, ref)) ?? null;
  }

  /** @throws {CursorError} for a malformed cursor. */
  feedbackSince(creditorId: string, since: string | undefined, limit: number): FeedbackEntry[] {
    return this.log.since(creditorId, since, limit);
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
      groupId: `signaalhub-connectors-status-${randomBytes(6).toString('hex')}`,
      topics: [this.topics.feedback],
      fromBeginning: true,
    });
    this.consumer = consumer;
    await consumer.start(async (batch) => {
      const served = new Set(this.ingress.servedCreditors());
      for (const message of batch.messages) {
        if (!message.value) continue;
        let feedback;
        try {
          feedback = decodeFeedback(message.value);
        } catch (error) {
          if (error instanceof ContractDecodeError) continue;
          throw error;
        }
        if (!served.has(feedback.creditorId)) continue;
        const key = signalKey(feedback.creditorId, feedback.creditorSignalRef);
        const status: SignalStatusDto = {
          creditorSignalRef: feedback.creditorSignalRef,
          status: FeedbackStatus[feedback.status] ?? String(feedback.status),
          ...(feedback.reasonCode ? { reasonCode: feedback.reasonCode } : {}),
          ...(feedback.occurredAt
            ? { occurredAt: new Date(Number(feedback.occurredAt.seconds) * 1000).toISOString() }
            : {}),
          feedbackId: feedback.feedbackId,
        };
        // A feedback id seen before is the outbox publishing it again: neither a new status nor a new entry.
        if (
          !this.log.record(feedback.creditorId, { cursor: feedbackCursor(batch.partition, message.offset), ...status })
        ) {
          continue;
        }
        this.statuses.delete(key);
        this.statuses.set(key, status);
        if (this.statuses.size > REMEMBERED_STATUSES) {
          this.statuses.delete(this.statuses.keys().next().value as string);
        }
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
