import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FeedbackStatus, encodeFeedback, feedbackKey } from '@signaalhub/contracts';
import type { KafkaBus, Producer } from '@signaalhub/kafka';
import { DataSource } from 'typeorm';
import { HubConfig } from '../config/hub-config.js';
import { HubTopics } from '../config/hub-topics.js';
import { KAFKA_BUS } from '@signaalhub/platform';
import { HubMetrics } from '../metrics/hub-metrics.js';
import { OutboxRepository } from './outbox.repository.js';

const BATCH = 500;
const IDLE_MS = 250;

/**
 * Publishes committed feedback from the outbox to the feedback topic, oldest first. At least once:
 * a crash between the send and the `published_at` update publishes that batch again after restart,
 * with the same feedback ids. Rows are claimed with `SKIP LOCKED`, so several hub instances relay
 * without sending a row twice at the same time.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(HubConfig) private readonly config: HubConfig,
    @Inject(HubTopics) private readonly topics: HubTopics,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_RELAY_ENABLED !== 'true') return;
    // In the background: the API must come up (and report not ready) while Kafka is away; feedback
    // waits safely in the outbox until the relay gets through.
    void this.connect();
  }

  private async connect(): Promise<void> {
    while (!this.stopped && !this.producer) {
      try {
        await this.bus.ensureTopics([this.topics.specs(this.config).feedback]);
        const producer = await this.bus.createProducer();
        if (this.stopped) await producer.disconnect();
        else this.producer = producer;
      } catch (error) {
        this.logger.warn(`Feedback relay cannot reach Kafka yet: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
      }
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.producer?.disconnect();
  }

  /** Wakes the relay now (after an ingest commit) instead of at the next idle tick. */
  notify(): void {
    if (this.producer && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .catch((error: Error) => this.logger.warn(`Feedback relay will retry: ${error.message}`))
        .finally(() => {
          this.running = null;
          this.schedule(IDLE_MS);
        });
    }, ms);
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.publishBatch()) === BATCH);
  }

  /** Publishes one batch of pending feedback; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.outbox.claimPending(BATCH, tx);
      if (rows.length === 0) return 0;
      await producer.send(
        this.topics.feedback,
        rows.map((r) => ({
          key: feedbackKey(r.creditorId),
          value: Buffer.from(
            encodeFeedback({
              feedbackId: r.feedbackId,
              creditorId: r.creditorId,
              creditorSignalRef: r.creditorSignalRef,
              status: FeedbackStatus[r.status],
              reasonCode: r.reasonCode ?? undefined,
              occurredAt: {
                seconds: BigInt(Math.floor(r.occurredAt.getTime() / 1000)),
                nanos: (r.occurredAt.getTime() % 1000) * 1e6,
              },
            }),
          ),
        })),
      );
      await this.outbox.markPublished(
        rows.map((r) => r.id),
        tx,
      );
      this.metrics.feedbackPublished.inc(rows.length);
      return rows.length;
    });
  }
}
