import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  deadLetterEncryptionHeader,
  deadLetterKeyFromBase64,
  decodeEnvelope,
  DLQ_HEADER_ENCRYPTION,
  DLQ_HEADER_REJECT_DETAIL,
  DLQ_HEADER_REJECT_REASON,
  DLQ_HEADER_SOURCE_OFFSET,
  DLQ_HEADER_SOURCE_PARTITION,
  DLQ_HEADER_SOURCE_TOPIC,
  sealDeadLetter,
  type DeadLetterKey,
} from '@signaalhub/contracts';
import type { PreviousSignal } from '@signaalhub/domain';
import type { BatchConsumer, ConsumedMessage, KafkaBus, MessageBatch, Producer } from '@signaalhub/kafka';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecurityEvent } from '../audit/audit.repository.js';
import { RegistryCache } from '../creditors/registry-cache.js';
import type { RegistrySnapshot } from '../creditors/registry-snapshot.js';
import { feedbackEvent, type FeedbackEvent } from '../outbox/feedback-event.js';
import { HubConfig } from '../config/hub-config.js';
import { describeError } from '../errors/describe-error.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { arrearsKey, SignalRepository } from '../signals/signal.repository.js';
import { KAFKA_BUS } from '@signaalhub/platform';
import { HubMetrics } from '../metrics/hub-metrics.js';
import { HubTopics, PARTITIONS } from '../config/hub-topics.js';
import { Pc6AddressRepository } from '../reference/pc6-address.repository.js';
import { ObjectionScreen } from '../privacy/objection-screen.js';
import {
  processingFailed,
  SignalPipeline,
  type AcceptedSignal,
  type CheckedSignal,
  type RejectedMessage,
} from './signal-pipeline.js';
import { IngestHealth } from './ingest-health.js';
import { RegistryChangedError, SignalStore, type BatchRejections, type StoreResult } from './signal-store.js';
import { resultPerPart, splitByLane, STORE_LANES, StoreLane } from './store-lanes.js';

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
  private readonly deadLetterKey: DeadLetterKey;
  /** The store lanes, each storing its parts of batches one group at a time: see {@link storeInLanes}. */
  private readonly storeLanes = Array.from(
    { length: STORE_LANES },
    () => new StoreLane<LanePart, StoreResult>((parts) => this.storeGroup(parts)),
  );

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(HubConfig) private readonly config: HubConfig,
    @Inject(HubTopics) private readonly topics: HubTopics,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    private readonly pipeline: SignalPipeline,
    private readonly store: SignalStore,
    private readonly signals: SignalRepository,
    private readonly relay: OutboxRelay,
    private readonly registry: RegistryCache,
    private readonly health: IngestHealth,
    private readonly addresses: Pc6AddressRepository,
    private readonly objections: ObjectionScreen,
  ) {
    // Read at start-up, so a missing or malformed key stops the hub before it consumes anything.
    this.deadLetterKey = deadLetterKeyFromBase64(readFileSync(config.DLQ_ENCRYPTION_KEY_FILE, 'utf8'));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.INGEST_ENABLED !== 'true') return;
    await this.bus.ensureTopics(Object.values(this.topics.specs(this.config)));
    this.producer = await this.bus.createProducer();
    this.consumer = this.bus.createConsumer({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [this.topics.signals],
      fromBeginning: true,
      // Every partition at once, so a batch waits for its own partition's previous batch only, not
      // for the other partitions' too; the store lanes keep their transactions off each other's rows.
      concurrency: PARTITIONS,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_SECONDS * 1000,
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
    try {
      await this.judgeAndStore(batch);
      this.health.batchStored();
    } catch (error) {
      this.health.batchFailed();
      this.metrics.failedBatches.inc();
      // The Kafka client delivers the batch again; only codes and names are logged, never values.
      this.logger.error(
        `Batch ${batch.topic}/${batch.partition} from offset ${batch.messages[0]?.offset} not stored, ` +
          `it will be delivered again: ${describeError(error)}`,
      );
      throw error;
    }
  }

  /**
   * Judges the batch against the registry as it is now and stores it. When the registry changes
   * between the two (a key revoked on another instance), the batch is judged again: nothing is
   * stored under a registry that no longer holds.
   */
  private async judgeAndStore(batch: MessageBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const registry = await this.registry.fresh();
      const { accepted, rejected, objected } = await this.judgeIsolating(batch.messages, registry);
      let result: StoreResult;
      try {
        result = await this.storeInLanes(accepted, rejected, objected, registry.version);
      } catch (error) {
        if (error instanceof RegistryChangedError && attempt < MAX_JUDGE_ATTEMPTS) continue;
        throw error;
      }
      await this.deadLetter(rejected);
      this.relay.notify();

      const now = Date.now();
      for (const signal of result.stored) this.metrics.stored.inc({ routing: signal.routing.kind });
      for (const message of batch.messages) this.metrics.latency.observe((now - message.timestamp) / 1000);
      this.metrics.duplicates.inc(result.duplicates);
      for (const r of rejected) this.metrics.rejected.inc({ reason: r.reason });
      if (objected.length > 0) this.metrics.rejected.inc({ reason: 'OBJECTION_RECORDED' }, objected.length);
      return;
    }
  }

  /**
   * Stores the batch in one transaction per store lane, each lane's part once the lane's previous
   * transaction is done, while the next batch is judged. A household's signals always take the same
   * lane, so the lanes never queue on each other's household or case rows in PostgreSQL (batches of
   * different partitions share households: a household hears from several creditors). Splitting a
   * batch is safe because storing is idempotent: when one part fails, the whole batch is delivered
   * again and the parts already stored are recognised as duplicates. Refusals go with the first part.
   */
  private async storeInLanes(
    accepted: Judged[],
    rejected: RejectedMessage[],
    objected: ObjectedSignal[],
    registryVersion: bigint,
  ): Promise<StoreResult> {
    const parts = splitByLane(accepted);
    const refusedIn = parts.map((_, lane) => (lane === 0 ? rejected : []));
    const runs = parts.map((part, lane) => {
      if (lane > 0 && part.length === 0) return Promise.resolve<StoreResult>({ stored: [], duplicates: 0 });
      return this.storeLanes[lane]!.run({
        accepted: part,
        rejected: refusedIn[lane]!,
        objected: lane === 0 ? objected : [],
        registryVersion,
      });
    });
    const results = await Promise.allSettled(runs);
    // Messages a lane refused while storing (STORE_FAILED) are dead-lettered with the others.
    for (const extra of refusedIn.slice(1)) rejected.push(...extra);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return (results as Array<PromiseFulfilledResult<StoreResult>>).reduce<StoreResult>(
      (all, { value }) => ({ stored: [...all.stored, ...value.stored], duplicates: all.duplicates + value.duplicates }),
      { stored: [], duplicates: 0 },
    );
  }

  /**
   * A lane's group of batch parts: stored in one transaction when they were judged against the same
   * registry. When the database refuses the group's data, or the parts were judged against different
   * registries, each part is stored on its own (and, when refused again, message by message), so one
   * batch's bad message never fails another batch. Any other error fails every part of the group:
   * their batches are delivered again.
   */
  private async storeGroup(parts: LanePart[]): Promise<Array<PromiseSettledResult<StoreResult>>> {
    const registryVersion = parts[0]!.registryVersion;
    if (parts.length > 1 && parts.every((p) => p.registryVersion === registryVersion)) {
      const signals = parts.map((p) => p.accepted.map((a) => a.signal));
      const refused = parts.map((p) => rejections(p.rejected, p.objected));
      try {
        const together = await this.store.storeBatch(
          signals.flat(),
          {
            feedback: refused.flatMap((r) => r.feedback),
            securityEvents: refused.flatMap((r) => r.securityEvents),
            refusals: refused.flatMap((r) => r.refusals ?? []),
          },
          { registryVersion },
        );
        return resultPerPart(signals, together).map((value) => ({ status: 'fulfilled', value }));
      } catch (error) {
        if (!isDataError(error)) throw error;
        this.logger.warn(`A batch of a store group cannot be stored (${describeError(error)}); storing each alone`);
      }
    }
    const results: Array<PromiseSettledResult<StoreResult>> = [];
    for (const p of parts) {
      results.push(
        await this.storeJudged(p.accepted, p.rejected, p.objected, p.registryVersion).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        ),
      );
    }
    return results;
  }

  /**
   * Judges the batch. When the database refuses a look-up of the batch because of one message's data
   * (a data error: it would fail on every delivery), the messages are judged one by one instead, and
   * each one that still fails is refused as PROCESSING_FAILED: one message can never block a
   * partition. Any other error fails the batch, to be delivered again.
   */
  private async judgeIsolating(messages: ConsumedMessage[], registry: RegistrySnapshot): Promise<Judgement> {
    try {
      return await this.judge(messages, registry);
    } catch (error) {
      if (!isDataError(error)) throw error;
      this.logger.warn(`A message of the batch cannot be judged (${describeError(error)}); judging one by one`);
    }
    const all: Judgement = { accepted: [], rejected: [], objected: [] };
    // Carried along, so a later message of the same arrears is still judged against an earlier one.
    const earlier = new Map<string, PreviousSignal>();
    for (const message of messages) {
      try {
        const one = await this.judge([message], registry, earlier);
        all.accepted.push(...one.accepted);
        all.rejected.push(...one.rejected);
        all.objected.push(...one.objected);
      } catch (error) {
        if (!isDataError(error)) throw error;
        all.rejected.push(processingFailed(message, error));
      }
    }
    return all;
  }

  /**
   * Every message of the batch checked and decided, at the hub's clock, against one registry snapshot.
   * `earlier`: signals accepted before this call in the same batch, by arrears; updated with this call's.
   */
  private async judge(
    messages: ConsumedMessage[],
    registry: RegistrySnapshot,
    earlier: Map<string, PreviousSignal> = new Map(),
  ): Promise<Judgement> {
    const now = new Date();
    const valid: Array<{ message: ConsumedMessage; signal: CheckedSignal }> = [];
    const rejected: RejectedMessage[] = [];
    const outcomes = await this.pipeline.checkBatch(messages, registry, now, this.addresses);
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) valid.push({ message: messages[i], signal: outcome.value });
      else rejected.push(outcome);
    });
    // A person who objected (AVG art. 21) is processed no further: their signal is neither stored nor
    // dead-lettered, and the creditor learns only that it was not picked up.
    const objection = await this.objections.objected(
      valid.map(({ signal }) => ({
        signal: signal.signal,
        municipality: signal.routing.kind === 'routed' ? signal.routing.municipality : null,
      })),
    );
    const objected = valid
      .filter((_, i) => objection[i] === true)
      .map(({ message, signal }) => ({
        message,
        creditorId: signal.creditorId,
        creditorSignalRef: signal.signal.creditorSignalRef,
      }));
    valid.forEach(({ message, signal }, i) => {
      if (objection[i] === null) {
        const error = new Error('the objection screen could not read this signal');
        rejected.push(processingFailed(message, error, signal.creditorId, signal.signal.creditorSignalRef));
      }
    });
    const checked = valid.filter((_, i) => objection[i] === false);

    const previous = await this.signals.previousSignals(
      checked.map(({ signal }) => ({
        creditorId: signal.creditorId,
        creditorSignalRef: signal.signal.creditorSignalRef,
      })),
    );
    for (const [key, signal] of earlier) previous.set(key, signal);
    const accepted: Judged[] = [];
    for (const { message, signal } of checked) {
      const key = arrearsKey(signal.creditorId, signal.signal.creditorSignalRef);
      const outcome = this.pipeline.decide(message, signal, registry, previous.get(key) ?? null);
      if (!outcome.ok) {
        rejected.push(outcome);
        continue;
      }
      accepted.push({ message, signal: outcome.value });
      // A later message of the same arrears in this batch is judged against this one.
      const judged: PreviousSignal = {
        kind: outcome.value.signal.kind,
        amountCents: outcome.value.signal.amountCents,
        signalDate: outcome.value.signal.signalDate,
      };
      previous.set(key, judged);
      earlier.set(key, judged);
    }
    return { accepted, rejected, objected };
  }

  /**
   * Stores the batch in one transaction. When the database refuses the data of some message (a data
   * or constraint error: it would fail on every delivery), the batch is stored message by message
   * instead, and each message that still fails is refused as STORE_FAILED: one message can never
   * block a partition. Any other error (connection, lock, the registry changed) fails the batch, to
   * be delivered again.
   */
  private async storeJudged(
    accepted: Judged[],
    rejected: RejectedMessage[],
    objected: ObjectedSignal[],
    registryVersion: bigint,
  ): Promise<StoreResult> {
    const judgedAt = { registryVersion };
    try {
      return await this.store.storeBatch(
        accepted.map((a) => a.signal),
        rejections(rejected, objected),
        judgedAt,
      );
    } catch (error) {
      if (!isDataError(error)) throw error;
      this.logger.warn(`A message of the batch cannot be stored (${describeError(error)}); storing one by one`);
    }
    await this.storeRejections(rejections(rejected, objected), judgedAt);
    const result: StoreResult = { stored: [], duplicates: 0 };
    for (const { message, signal } of accepted) {
      try {
        const one = await this.store.storeBatch([signal], undefined, judgedAt);
        result.stored.push(...one.stored);
        result.duplicates += one.duplicates;
      } catch (error) {
        if (!isDataError(error)) throw error;
        const failed: RejectedMessage = {
          message,
          reason: 'STORE_FAILED',
          detail: `the database refused to store this signal (${describeError(error)})`,
          creditorId: signal.creditorId,
          creditorSignalRef: signal.signal.creditorSignalRef,
          security: false,
        };
        rejected.push(failed);
        await this.storeRejections(rejections([failed]), judgedAt);
      }
    }
    return result;
  }

  /**
   * The feedback, security events and refusal rows of refused messages, all at once or, when the
   * database refuses some of their data, one message at a time; a message whose rows it still refuses
   * keeps only its dead letter (which never passes through the database), so it cannot block its
   * partition either.
   */
  private async storeRejections(all: BatchRejections, judgedAt: { registryVersion: bigint }): Promise<void> {
    try {
      await this.store.storeBatch([], all, judgedAt);
      return;
    } catch (error) {
      if (!isDataError(error)) throw error;
    }
    const parts: BatchRejections[] = [
      ...all.feedback.map((f) => ({ feedback: [f], securityEvents: [], refusals: [] })),
      ...all.securityEvents.map((e) => ({ feedback: [], securityEvents: [e], refusals: [] })),
      ...(all.refusals ?? []).map((r) => ({ feedback: [], securityEvents: [], refusals: [r] })),
    ];
    for (const part of parts) {
      try {
        await this.store.storeBatch([], part, judgedAt);
      } catch (error) {
        if (!isDataError(error)) throw error;
        this.logger.warn(`A refused message's feedback or audit row cannot be stored (${describeError(error)})`);
      }
    }
  }

  /**
   * Refused messages with the reason in headers (ARCHITECTURE.md "Kafka topics"). The original bytes
   * are sealed with the hub's dead-letter key: a refused message may hold personal data nobody may
   * read on the topic, yet an operator with the key can replay it once the cause is fixed.
   */
  private async deadLetter(rejected: RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    await (this.producer as Producer).send(
      this.topics.deadLetter,
      rejected.map(({ message, reason, detail }) => ({
        key: message.key,
        value: sealDeadLetter(this.deadLetterKey, message.value, sourcePosition(message)),
        headers: {
          [DLQ_HEADER_REJECT_REASON]: reason,
          [DLQ_HEADER_REJECT_DETAIL]: detail,
          [DLQ_HEADER_SOURCE_TOPIC]: message.topic,
          [DLQ_HEADER_SOURCE_PARTITION]: String(message.partition),
          [DLQ_HEADER_SOURCE_OFFSET]: message.offset,
          [DLQ_HEADER_ENCRYPTION]: deadLetterEncryptionHeader(this.deadLetterKey),
        },
      })),
    );
  }
}

/** A batch judged: what to store, what to refuse, whose person objected. */
interface Judgement {
  accepted: Judged[];
  rejected: RejectedMessage[];
  objected: ObjectedSignal[];
}

/** An accepted signal with the message it came in. */
interface Judged {
  message: ConsumedMessage;
  signal: AcceptedSignal;
}

/** One batch's part of a store lane's work. */
interface LanePart {
  accepted: Judged[];
  rejected: RejectedMessage[];
  objected: ObjectedSignal[];
  registryVersion: bigint;
}

/** How often a batch is judged again when the registry keeps changing under it before giving up. */
const MAX_JUDGE_ATTEMPTS = 5;

/** `topic/partition/offset`: where a message was, authenticated with its sealed dead letter. */
export function sourcePosition(message: Pick<ConsumedMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

/** A signal of a person who objected: who sent it, so that creditor can be told "not picked up". */
interface ObjectedSignal {
  message: ConsumedMessage;
  creditorId: string;
  creditorSignalRef: string;
}

function rejections(rejected: RejectedMessage[], objected: ObjectedSignal[] = []): BatchRejections {
  return {
    feedback: [...rejected.flatMap(rejectionFeedback), ...objected.map(objectionFeedback)],
    securityEvents: rejected.filter((r) => r.security).map(securityEvent),
    refusals: rejected.map((r) => ({
      position: sourcePosition(r.message),
      creditorId: r.creditorId,
      reason: r.reason,
      municipality: r.municipality ?? null,
      sector: r.sector ?? null,
    })),
  };
}

/**
 * PostgreSQL's data exceptions (class 22: out of range, too long, invalid text) and integrity
 * violations (class 23: check, not null, foreign key): errors of the data itself, which no retry
 * cures. Everything else (connections, locks, serialization, a full disk) is worth retrying.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

const CLAIMED_ID = /^[A-Za-z0-9._-]{1,64}$/;

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

/** Plain NOT_PICKED_UP: the objection is the person's, and no reason goes back to the creditor. */
function objectionFeedback(o: ObjectedSignal): FeedbackEvent {
  const cause = createHash('sha256')
    .update(o.message.value ?? Buffer.alloc(0))
    .digest('hex');
  return feedbackEvent(cause, o, { status: 'NOT_PICKED_UP', reasonCode: null });
}

function securityEvent(r: RejectedMessage): SecurityEvent {
  let claimed = 'unknown';
  try {
    const id = decodeEnvelope(r.message.value ?? Buffer.alloc(0)).creditorId;
    // The claim is the sender's text: only an id-shaped claim enters the audit trail, so a forger
    // cannot write a name or megabytes into it.
    claimed = CLAIMED_ID.test(id) ? id : 'unreadable';
  } catch {
    // an undecodable envelope is MALFORMED, never a security event
  }
  return { claimedCreditorId: claimed, reason: r.reason, position: sourcePosition(r.message) };
}
