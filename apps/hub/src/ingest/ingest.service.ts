import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  decodeEnvelope,
  DLQ_HEADER_REJECT_DETAIL,
  DLQ_HEADER_REJECT_REASON,
  DLQ_HEADER_SOURCE_OFFSET,
  DLQ_HEADER_SOURCE_PARTITION,
  DLQ_HEADER_SOURCE_TOPIC,
} from '@signaalhub/contracts';
import type { BatchConsumer, ConsumedMessage, KafkaBus, MessageBatch, Producer } from '@signaalhub/kafka';
import { createHash } from 'node:crypto';
import { CreditorRegistryService } from '../creditors/creditor-registry.service.js';
import { feedbackEvent, type FeedbackEvent } from '../feedback/feedback-event.js';
import { HubConfig } from '../config/hub-config.js';
import { OutboxRelay } from '../feedback/outbox-relay.service.js';
import { KAFKA_BUS } from '@signaalhub/platform';
import { HubMetrics } from '../metrics/hub-metrics.js';
import { HubTopics } from '../config/hub-topics.js';
import { SignalPipeline, type AcceptedSignal, type CheckedSignal, type RejectedMessage } from './signal-pipeline.js';
import { arrearsKey, SignalStore, type SecurityEvent } from './signal-store.js';

/**
 * Consumes the signals topic in batches: check every message, store the accepted ones in one
 * transaction, send the rejected ones to the dead-letter topic, and only then commit the offsets.
 * A crash anywhere before the commit redelivers the batch; storage is idempotent, so nothing is
 * lost and nothing doubles.
 */
@Injectable()
export class IngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestService.name);
  private consumer: BatchConsumer | null = null;
  private producer: Producer | null = null;

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(HubConfig) private readonly config: HubConfig,
    @Inject(HubTopics) private readonly topics: HubTopics,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    private readonly pipeline: SignalPipeline,
    private readonly store: SignalStore,
    private readonly relay: OutboxRelay,
    private readonly registry: CreditorRegistryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.INGEST_ENABLED !== 'true') return;
    await this.bus.ensureTopics(Object.values(this.topics.specs(this.config)));
    this.producer = await this.bus.createProducer();
    this.consumer = this.bus.createConsumer({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [this.topics.signals],
      fromBeginning: true,
      concurrency: 2,
    });
    await this.consumer.start((batch) => this.handleBatch(batch));
    this.logger.log(`Consuming ${this.topics.signals} as group ${this.config.KAFKA_CONSUMER_GROUP}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.producer?.disconnect();
  }

  async handleBatch(batch: MessageBatch): Promise<void> {
    this.metrics.consumed.inc(batch.messages.length);
    this.metrics.batchSize.observe(batch.messages.length);
    // One registry snapshot per batch: every message of it is judged against the same registry.
    const registry = this.registry.snapshot();
    const checked: Array<{ message: ConsumedMessage; signal: CheckedSignal }> = [];
    const rejected: RejectedMessage[] = [];
    const outcomes = await this.pipeline.checkBatch(batch.messages, registry);
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) checked.push({ message: batch.messages[i], signal: outcome.value });
      else rejected.push(outcome);
    });

    const previous = await this.store.previousSignals(
      checked.map(({ signal }) => ({
        creditorId: signal.creditorId,
        creditorSignalRef: signal.signal.creditorSignalRef,
      })),
    );
    const accepted: AcceptedSignal[] = [];
    for (const { message, signal } of checked) {
      const key = arrearsKey(signal.creditorId, signal.signal.creditorSignalRef);
      const outcome = this.pipeline.decide(message, signal, registry, previous.get(key) ?? null);
      if (!outcome.ok) {
        rejected.push(outcome);
        continue;
      }
      accepted.push(outcome.value);
      // A later message of the same arrears in this batch is judged against this one.
      previous.set(key, {
        kind: outcome.value.signal.kind,
        amountCents: outcome.value.signal.amountCents,
        signalDate: outcome.value.signal.signalDate,
      });
    }

    const { stored, duplicates } = await this.store.storeBatch(accepted, {
      feedback: rejected.flatMap(rejectionFeedback),
      securityEvents: rejected.filter((r) => r.security).map(securityEvent),
    });
    await this.deadLetter(rejected);
    this.relay.notify();

    const now = Date.now();
    for (const signal of stored) this.metrics.stored.inc({ routing: signal.routing.kind });
    for (const message of batch.messages) this.metrics.latency.observe((now - message.timestamp) / 1000);
    this.metrics.duplicates.inc(duplicates);
    for (const r of rejected) this.metrics.rejected.inc({ reason: r.reason });
  }

  /** The original bytes, untouched, with the reason in headers (ARCHITECTURE.md "Kafka topics"). */
  private async deadLetter(rejected: RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    await (this.producer as Producer).send(
      this.topics.deadLetter,
      rejected.map(({ message, reason, detail }) => ({
        key: message.key,
        value: message.value,
        headers: {
          [DLQ_HEADER_REJECT_REASON]: reason,
          [DLQ_HEADER_REJECT_DETAIL]: detail,
          [DLQ_HEADER_SOURCE_TOPIC]: message.topic,
          [DLQ_HEADER_SOURCE_PARTITION]: String(message.partition),
          [DLQ_HEADER_SOURCE_OFFSET]: message.offset,
        },
      })),
    );
  }
}

/** A refused signal of an authentic creditor is told back with the reason code, once per message. */
function rejectionFeedback(r: RejectedMessage): FeedbackEvent[] {
  if (!r.creditorId || !r.creditorSignalRef) return [];
  const cause = createHash('sha256')
    .update(r.message.value ?? Buffer.alloc(0))
    .digest('hex');
  return [
    feedbackEvent(
      cause,
      { creditorId: r.creditorId, creditorSignalRef: r.creditorSignalRef },
      { status: 'REJECTED', reasonCode: r.reason },
    ),
  ];
}

function securityEvent(r: RejectedMessage): SecurityEvent {
  let claimed = 'unknown';
  try {
    claimed = decodeEnvelope(r.message.value ?? Buffer.alloc(0)).creditorId || 'unknown';
  } catch {
    // an undecodable envelope is MALFORMED, never a security event
  }
  return {
    claimedCreditorId: claimed,
    reason: r.reason,
    position: `${r.message.topic}/${r.message.partition}/${r.message.offset}`,
  };
}
