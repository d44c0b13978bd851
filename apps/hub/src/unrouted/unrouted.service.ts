import { Inject, Injectable } from '@nestjs/common';
import { candidateMunicipalities, currentMunicipalityCode } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { RegistryCache } from '../creditors/registry-cache.js';
import { decisionFeedback, judgeRoutedSignal } from '../decisions/routed-decision.js';
import { HubException } from '../errors/hub-exception.js';
import { decodeCursor, encodeCursor, isUuid } from '../graphql/cursor.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import { arrearsKey, SignalRepository } from '../signals/signal.repository.js';
import type { RoutedSignalType, UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';

/** Bounds of the operator's reason for routing outside the postcode's municipalities. */
export const OVERRIDE_REASON_LENGTH = { min: 10, max: 500 } as const;

/** The reason trimmed, or null when none was given; a reason out of bounds is refused. */
function overrideReasonOf(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const reason = raw.trim();
  // Control characters would let a reason forge lines in an exported audit trail.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) {
    throw new HubException('BAD_USER_INPUT', 'overrideReason may not contain control characters');
  }
  if (reason.length < OVERRIDE_REASON_LENGTH.min || reason.length > OVERRIDE_REASON_LENGTH.max) {
    throw new HubException(
      'BAD_USER_INPUT',
      `overrideReason must be ${OVERRIDE_REASON_LENGTH.min} to ${OVERRIDE_REASON_LENGTH.max} characters`,
    );
  }
  return reason;
}

/** The operator's queue of signals held back from routing, oldest first. */
@Injectable()
export class UnroutedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signals: SignalRepository,
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxRepository,
    private readonly registry: RegistryCache,
    private readonly audit: AuditService,
    private readonly events: CaseEventRepository,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  /**
   * The operator decides the municipality of a held-back signal. Historic codes pass through the
   * mergers table. The convenant rules then judge it as the ingest would have, against that
   * municipality's agreement and policy: refused, it is deleted (no personal data of a refused signal
   * is kept) and the creditor is told why; otherwise it joins (or opens) the case of its household.
   * A signal already routed is never moved, so it never reaches two municipalities.
   *
   * The choice is confined to the municipalities the signal's postcode area lies in (the PC4 table):
   * a signal of Amsterdam cannot be sent to Rotterdam by a slip. Only an explicit `overrideReason`
   * (the postcode is wrong, the debtor moved) routes elsewhere, or routes a postcode the tables do not
   * know; the reason is kept in the audit row of the routing.
   */
  async route(
    principal: Principal,
    signalId: string,
    municipalityCode: string,
    rawOverrideReason?: string | null,
  ): Promise<RoutedSignalType> {
    const municipality = currentMunicipalityCode(municipalityCode, this.reference.mergers);
    if (!municipality || !this.reference.municipalities.has(municipality)) {
      throw new HubException('BAD_USER_INPUT', 'Unknown municipality code');
    }
    const overrideReason = overrideReasonOf(rawOverrideReason);
    if (!isUuid(signalId)) throw new HubException('NOT_FOUND', 'Signal not found');
    const registry = this.registry.snapshot();
    const result = await this.dataSource.transaction(async (tx) => {
      const stored = await this.signals.lock(tx, signalId);
      if (!stored) throw new HubException('NOT_FOUND', 'Signal not found');
      if (stored.routing !== 'UNROUTED') throw new HubException('CONFLICT', 'Signal is already routed');
      const { signal, creditorId } = stored;
      const candidates = [...candidateMunicipalities(signal.postcode, this.reference)].sort();
      const outside = !candidates.includes(municipality);
      if (outside && overrideReason === null) {
        throw new HubException(
          'BAD_USER_INPUT',
          candidates.length === 0
            ? 'The signal’s postcode is not in the reference tables: routing it needs an overrideReason'
            : `The signal’s postcode lies in ${candidates.join(', ')}: routing it elsewhere needs an overrideReason`,
        );
      }
      const creditorSignal = { creditorId, creditorSignalRef: signal.creditorSignalRef };
      const previous = await this.signals.previousSignals([creditorSignal], [signalId], tx);
      const { decision, status } = judgeRoutedSignal(
        { creditorId, municipality, signal },
        registry,
        previous.get(arrearsKey(creditorId, signal.creditorSignalRef)) ?? null,
      );
      await this.audit.record(
        principal,
        {
          action: 'SIGNAL_ROUTED_MANUALLY',
          subjectType: 'signal',
          subjectIds: [signalId],
          detail: {
            municipality,
            decision: decision.outcome,
            reason: decision.reason,
            candidates,
            ...(overrideReason === null ? {} : { overrideReason }),
          },
        },
        tx,
      );
      await this.outbox.enqueue([decisionFeedback(`manual-route/${signalId}`, creditorSignal, decision)], tx);
      if (decision.outcome === 'REJECTED') {
        await this.signals.delete(tx, signalId);
        return { caseId: null, decision };
      }
      const caseId = await this.cases.openCaseForStoredSignal(tx, signalId, municipality);
      await this.signals.recordRouting(tx, signalId, {
        municipality,
        caseId,
        decision,
        status,
        reason: outside ? 'MANUAL_OVERRIDE' : 'MANUAL',
      });
      await this.cases.refreshFigures(tx, [caseId]);
      await this.events.signalsAdded(tx, [{ id: signalId, caseId, municipality }]);
      return { caseId, decision };
    });
    return {
      signalId,
      municipality,
      caseId: result.caseId,
      decision: result.decision.outcome,
      decisionReason: result.decision.reason,
    };
  }

  async list(principal: Principal, args: UnroutedSignalsArgs): Promise<UnroutedSignalConnectionType> {
    const cursor = args.after ? decodeCursor(args.after) : null;
    const rows = await this.signals.unroutedPage(
      cursor && { receivedAt: cursor.sortValue, id: cursor.id },
      args.first + 1,
    );
    const count = await this.signals.countUnrouted();
    const page = rows.slice(0, args.first);
    await this.audit.record(principal, {
      action: 'UNROUTED_SIGNALS_LISTED',
      subjectType: 'signal',
      subjectIds: page.map((s) => s.id),
    });
    const cursorOf = (s: { receivedAt: Date; id: string }) => encodeCursor(s.receivedAt.toISOString(), s.id);
    return {
      edges: page.map((node) => ({ cursor: cursorOf(node), node })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
      },
      totalCount: count,
    };
  }
}
