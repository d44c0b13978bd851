import { Injectable } from '@nestjs/common';
import {
  discloseCaseResult,
  dutchDateOf,
  signalStatusForCaseResult,
  transition,
  type CaseAction,
  type CaseResult,
  type Disclosure,
} from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { HubException } from '../errors/hub-exception.js';
import { decodeCursor, encodeCursor, isUuid } from '../graphql/cursor.js';
import { feedbackEvent, type FeedbackEvent } from '../outbox/feedback-event.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { SignalRepository, type TellableSignal } from '../signals/signal.repository.js';
import { caseFilterOfQueue } from '../work-queues/work-queue-filter.js';
import { WorkQueueRepository } from '../work-queues/work-queue.repository.js';
import { CaseRepository, type CaseFilter } from './case.repository.js';
import {
  CaseStatusValue,
  type CaseConnectionType,
  type CaseType,
  type HouseholdType,
  type SignalType,
} from './dto/case.types.js';
import { CaseOrderValue, type CasesArgs } from './dto/cases.args.js';

/** Cases of one municipality. Every query takes the principal's municipality: there is no unscoped read. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly signals: SignalRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
    private readonly events: CaseEventRepository,
    private readonly queues: WorkQueueRepository,
  ) {}

  async list(principal: Principal, args: CasesArgs): Promise<CaseConnectionType> {
    const municipality = requireMunicipality(principal);
    const { assignedToMe, ...given } = args.filter ?? {};
    let filter: CaseFilter = { ...given, ...(assignedToMe ? { assignedTo: principal.subject } : {}) };
    if (args.queue !== undefined && args.queue !== null) {
      filter = { ...filter, ...(await this.queueFilter(args.queue, municipality)) };
    }
    const order = args.orderBy ?? CaseOrderValue.NEWEST;
    const cursor = args.after ? decodeCursor(args.after) : null;
    if (cursor && !SORT_VALUE[order].test(cursor.sortValue)) throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
    const rows = await this.cases.page(municipality, filter, cursor, args.first + 1, order);
    const page = rows.slice(0, args.first);
    await this.audit.record(principal, {
      action: 'CASES_LISTED',
      subjectType: 'case',
      subjectIds: page.map((c) => c.id),
    });
    return {
      edges: page.map((node) => ({ cursor: caseCursor(node, order), node })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? caseCursor(page[page.length - 1], order) : null,
      },
      scope: { municipality, filter },
    };
  }

  /** How many cases of the list's municipality match its filter (asked for only when selected). */
  count(scope: CaseConnectionType['scope']): Promise<number> {
    return this.cases.count(scope.municipality, scope.filter);
  }

  /** One case of the principal's municipality; any other id answers NOT_FOUND, confirming nothing. */
  async get(principal: Principal, id: string): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    if (!isUuid(id)) throw new HubException('NOT_FOUND', 'Case not found');
    const found = await this.cases.find(id, municipality);
    if (!found) throw new HubException('NOT_FOUND', 'Case not found');
    await this.audit.record(principal, { action: 'CASE_VIEWED', subjectType: 'case', subjectIds: [id] });
    return found;
  }

  /**
   * The worker takes the case on: its new signals become "Opgepakt", and each creditor hears its signal
   * was picked up (a status the disclosure rules allow).
   */
  async pickUp(principal: Principal, id: string): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    await this.dataSource.transaction(async (tx) => {
      await this.lockFor(tx, id, municipality, { kind: 'PICK_UP' });
      await this.takeOn(tx, principal, id, municipality);
    });
    return this.get(principal, id);
  }

  /**
   * Closes the case with one end result. Its open signals take the matching signal status, and each
   * creditor learns only what the disclosure rules allow ("Niet opgepakt: andere reden" is a plain
   * "not picked up", never the reason).
   */
  async close(principal: Principal, id: string, result: CaseResult): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    await this.dataSource.transaction(async (tx) => {
      await this.lockFor(tx, id, municipality, { kind: 'CLOSE', result });
      await this.cases.markClosed(tx, id, result);
      await this.signals.closeOpen(tx, id, signalStatusForCaseResult(result));
      // Signals the rules already answered (repeat, unfounded) were told so at ingest.
      const signals = await this.signals.acceptedOfCase(tx, id);
      await this.outbox.enqueue(tell(signals, `case-closed/${id}`, discloseCaseResult(result)), tx);
      await this.events.append(tx, [
        { caseId: id, municipality, kind: 'CLOSED', actor: principal.subject, detail: { result } },
      ]);
      await this.audit.record(
        principal,
        { action: 'CASE_CLOSED', subjectType: 'case', subjectIds: [id], detail: { result } },
        tx,
      );
    });
    return this.get(principal, id);
  }

  /**
   * Locks the case for the caller's transaction and asks the one case state machine whether `action`
   * may happen now: NOT_FOUND outside the municipality (as for reads), CONFLICT when it may not.
   */
  async lockFor(tx: EntityManager, id: string, municipality: string, action: CaseAction): Promise<CaseStatusValue> {
    const status = await this.lockCase(tx, id, municipality);
    const verdict = transition(status, action);
    if (!verdict.ok) throw new HubException('CONFLICT', `Not possible: ${verdict.message}`);
    return status;
  }

  /** Takes a new case on inside the caller's transaction (the case locked by {@link lockFor}). */
  async takeOn(tx: EntityManager, principal: Principal, id: string, municipality: string): Promise<void> {
    await this.cases.markPickedUp(tx, id);
    const signals = await this.signals.pickUpNew(tx, id);
    await this.outbox.enqueue(tell(signals, `case-picked-up/${id}`, { status: 'PICKED_UP', reasonCode: null }), tx);
    await this.events.append(tx, [{ caseId: id, municipality, kind: 'PICKED_UP', actor: principal.subject }]);
    await this.audit.record(principal, { action: 'CASE_PICKED_UP', subjectType: 'case', subjectIds: [id] }, tx);
  }

  householdsByIds(ids: readonly string[]): Promise<Map<string, HouseholdType>> {
    return this.cases.householdsByIds(ids);
  }

  signalsByCaseIds(caseIds: readonly string[]): Promise<Map<string, SignalType[]>> {
    return this.signals.byCaseIds(caseIds);
  }

  /** The filter of one of the municipality's work queues; any other id answers NOT_FOUND. */
  private async queueFilter(id: string, municipality: string): Promise<CaseFilter> {
    const queue = isUuid(id) ? await this.queues.find(id, municipality) : null;
    if (!queue) throw new HubException('NOT_FOUND', 'Work queue not found');
    return caseFilterOfQueue(queue.filter, dutchDateOf(new Date()));
  }

  /** The case's status, locked for this transaction; NOT_FOUND outside the municipality, as for reads. */
  private async lockCase(tx: EntityManager, id: string, municipality: string): Promise<CaseStatusValue> {
    if (!isUuid(id)) throw new HubException('NOT_FOUND', 'Case not found');
    const status = await this.cases.lockStatus(tx, id, municipality);
    if (status === null) throw new HubException('NOT_FOUND', 'Case not found');
    return status;
  }
}

/** One feedback event per signal, with an id stable for this case event and signal. */
export function tell(signals: TellableSignal[], cause: string, disclosure: Disclosure): FeedbackEvent[] {
  return signals.map((s) =>
    feedbackEvent(`${cause}/${s.id}`, { creditorId: s.creditorId, creditorSignalRef: s.creditorSignalRef }, disclosure),
  );
}

/** The token's municipality: every case read and change is scoped to it. */
export function requireMunicipality(principal: Principal): string {
  if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
  return principal.municipality;
}

/** What a cursor's sort value looks like per order: a cursor made for another order is refused. */
const SORT_VALUE: Record<CaseOrderValue, RegExp> = {
  [CaseOrderValue.NEWEST]: /^\d{4}-\d{2}-\d{2}$/,
  [CaseOrderValue.URGENCY]: /^\d{1,6}$/,
};

function caseCursor(c: CaseType, order: CaseOrderValue): string {
  return encodeCursor(order === CaseOrderValue.URGENCY ? String(c.urgency.score) : (c.lastSignalDate ?? ''), c.id);
}
