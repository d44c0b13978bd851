import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type SecurityEvent } from '../audit/audit.repository.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { addressKey, CaseRepository } from '../cases/case.repository.js';
import { CreditorRepository } from '../creditors/creditor.repository.js';
import { decisionFeedback } from '../decisions/routed-decision.js';
import type { FeedbackEvent } from '../outbox/feedback-event.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { deliveryKey, SignalRepository } from '../signals/signal.repository.js';
import { MinimisationCountRepository, type DroppedValue } from './minimisation-count.repository.js';
import { RefusedMessageRepository, type Refusal } from './refused-message.repository.js';
import type { AcceptedSignal } from './signal-pipeline.js';

export interface StoreResult {
  stored: AcceptedSignal[];
  duplicates: number;
}

/** What a batch stores besides its accepted signals. */
export interface BatchRejections {
  feedback: FeedbackEvent[];
  securityEvents: SecurityEvent[];
  /** Every refused message, for the data-sharing report (ids and codes only). */
  refusals?: Refusal[];
}

const NO_REJECTIONS: BatchRejections = { feedback: [], securityEvents: [], refusals: [] };

/**
 * The registry changed (a key revoked, an agreement ended) after the batch was judged: it must be
 * judged again against the new registry before anything of it is stored.
 */
export class RegistryChangedError extends Error {
  override readonly name = 'RegistryChangedError';
}

/**
 * Stores a checked batch in one transaction: households, open cases and signals, by bulk
 * statements (unnest) rather than row by row. Correct when several hub instances store at once:
 * the unique constraints decide which household and which open case a signal joins.
 */
@Injectable()
export class SignalStore {
  private readonly signals: SignalRepository;
  private readonly cases: CaseRepository;
  private readonly registry: CreditorRepository;
  private readonly minimisation: MinimisationCountRepository;
  private readonly audit: AuditRepository;
  private readonly outbox: OutboxRepository;
  private readonly events: CaseEventRepository;
  private readonly refused: RefusedMessageRepository;

  // Repositories not given are made over `dataSource`, so the store also works outside the Nest
  // container (the ingest benchmark builds it from a DataSource alone).
  constructor(
    private readonly dataSource: DataSource,
    @Optional() signals?: SignalRepository,
    @Optional() cases?: CaseRepository,
    @Optional() registry?: CreditorRepository,
    @Optional() minimisation?: MinimisationCountRepository,
    @Optional() audit?: AuditRepository,
    @Optional() outbox?: OutboxRepository,
    @Optional() events?: CaseEventRepository,
    @Optional() refused?: RefusedMessageRepository,
  ) {
    this.signals = signals ?? new SignalRepository(dataSource);
    this.cases = cases ?? new CaseRepository(dataSource);
    this.registry = registry ?? new CreditorRepository(dataSource);
    this.minimisation = minimisation ?? new MinimisationCountRepository(dataSource);
    this.audit = audit ?? new AuditRepository(dataSource);
    this.outbox = outbox ?? new OutboxRepository(dataSource);
    this.events = events ?? new CaseEventRepository(dataSource);
    this.refused = refused ?? new RefusedMessageRepository(dataSource);
  }

  /**
   * Stores the accepted signals and queues the feedback of the whole batch (accepted and rejected)
   * in one transaction: feedback exists exactly when the decision it reports was committed.
   *
   * With `judgedAt`, the registry is held at the version the batch was judged at until the
   * transaction ends (FOR SHARE: ingest transactions do not block each other, but a registry change
   * waits for them), or the store fails when it moved on. So no signal is stored under a key after
   * its revocation committed.
   */
  async storeBatch(
    batch: AcceptedSignal[],
    rejections: BatchRejections = NO_REJECTIONS,
    judgedAt: { registryVersion: bigint } | null = null,
  ): Promise<StoreResult> {
    const refusals = rejections.refusals ?? [];
    if (
      batch.length === 0 &&
      rejections.feedback.length === 0 &&
      rejections.securityEvents.length === 0 &&
      refusals.length === 0
    ) {
      return { stored: [], duplicates: 0 };
    }
    return this.dataSource.transaction(async (tx) => {
      if (judgedAt && (await this.registry.holdVersion(tx)) !== judgedAt.registryVersion) {
        throw new RegistryChangedError('the creditor registry changed during the batch');
      }
      const fresh = await this.withoutKnown(tx, batch);
      const routed = fresh.filter((s) => s.routing.kind === 'routed');
      const caseByHousehold = await this.cases.openCases(tx, routed);
      const joined = await this.signals.insertAccepted(tx, fresh, (s) => caseByHousehold.get(addressKey(s)) ?? null);
      await this.events.signalsAdded(tx, joined);
      await this.cases.refreshFigures(tx, [...new Set(caseByHousehold.values())]);
      await this.minimisation.add(droppedValues(fresh), tx);
      await this.refused.add(refusals, tx);
      await this.audit.insertSecurityEvents(rejections.securityEvents, tx);
      await this.outbox.enqueue([...fresh.flatMap(acceptedFeedback), ...rejections.feedback], tx);
      return { stored: fresh, duplicates: batch.length - fresh.length };
    });
  }

  /**
   * Drops payloads this creditor delivered before (redelivery, producer retry) and repeats within the
   * batch. Per creditor: the same bytes from another creditor are that creditor's own signal, so
   * nobody can pre-empt someone else's signal by sending a copy first.
   */
  private async withoutKnown(tx: EntityManager, batch: AcceptedSignal[]): Promise<AcceptedSignal[]> {
    const unique = new Map<string, AcceptedSignal>();
    for (const s of batch) unique.set(deliveryKey(s.creditorId, s.payloadSha256.toString('hex')), s);
    const known = await this.signals.knownDeliveries(tx, [...unique.values()]);
    for (const key of known) unique.delete(key);
    return [...unique.values()];
  }
}

/** Each value data minimisation dropped from the stored signals; the database counts them. */
function droppedValues(signals: AcceptedSignal[]): DroppedValue[] {
  return signals.flatMap((s) =>
    s.dropped.map((field) => ({
      creditorId: s.creditorId,
      municipality: s.routing.kind === 'routed' ? s.routing.municipality : null,
      sector: s.signal.sector,
      field,
    })),
  );
}

/**
 * What the creditor may learn of the decision. Keyed on the payload, not the offset: a producer retry
 * of the same signal is told once. Unrouted signals are told once routed.
 */
function acceptedFeedback(s: AcceptedSignal): FeedbackEvent[] {
  if (!s.decision) return [];
  return [
    decisionFeedback(
      s.payloadSha256.toString('hex'),
      { creditorId: s.creditorId, creditorSignalRef: s.signal.creditorSignalRef },
      s.decision,
    ),
  ];
}
