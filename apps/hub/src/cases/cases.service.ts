import { Injectable } from '@nestjs/common';
import { discloseCaseResult, signalStatusForCaseResult, type CaseResult, type Disclosure } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { enqueueFeedback, feedbackEvent, type FeedbackEvent } from '../feedback/feedback-event.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { decodeCursor, encodeCursor, isUuid } from '../graphql/cursor.js';
import {
  CaseStatusValue,
  CreditorSpread,
  type CaseConnectionType,
  type CaseType,
  type HouseholdType,
  type SectorValue,
  type SignalType,
} from './dto/case.types.js';
import type { CasesArgs } from './dto/cases.args.js';

interface CaseRow {
  id: string;
  municipality: string;
  household_id: string;
  status: string;
  creditor_count: number;
  signal_count: number;
  total_amount_cents: string;
  sectors: string[];
  first_signal_date: string | null;
  last_signal_date: string | null;
  opened_at: Date;
  picked_up_at: Date | null;
  closed_at: Date | null;
  result: CaseResult | null;
}

/** Cases of one municipality. Every query takes the principal's municipality: there is no unscoped read. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, args: CasesArgs): Promise<CaseConnectionType> {
    const municipality = requireMunicipality(principal);
    const where: string[] = ['c.municipality = $1'];
    const params: unknown[] = [municipality];
    const filter = args.filter ?? {};
    if (filter.status) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    if (filter.sector) {
      params.push(filter.sector);
      where.push(`$${params.length} = ANY (c.sectors)`);
    }
    if (filter.creditorSpread) {
      where.push(filter.creditorSpread === CreditorSpread.MULTI ? 'c.creditor_count > 1' : 'c.creditor_count = 1');
    }
    if (filter.minimumAmountCents !== undefined) {
      params.push(filter.minimumAmountCents);
      where.push(`c.total_amount_cents >= $${params.length}`);
    }
    const filterSql = where.join(' AND ');
    const filterParams = [...params];

    if (args.after) {
      const cursor = decodeCursor(args.after);
      params.push(cursor.sortValue, cursor.id);
      where.push(`(c.last_signal_date, c.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    params.push(args.first + 1);
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT c.* FROM signal_case c WHERE ${where.join(' AND ')}
       ORDER BY c.last_signal_date DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM signal_case c WHERE ${filterSql}`,
      filterParams,
    );
    const page = rows.slice(0, args.first).map(toCase);
    await this.audit.record(principal, {
      action: 'CASES_LISTED',
      subjectType: 'case',
      subjectIds: page.map((c) => c.id),
    });
    return {
      edges: page.map((node) => ({ cursor: caseCursor(node), node })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? caseCursor(page[page.length - 1]) : null,
      },
      totalCount: count,
    };
  }

  /** One case of the principal's municipality; any other id answers NOT_FOUND, confirming nothing. */
  async get(principal: Principal, id: string): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    if (!isUuid(id)) throw new HubException('NOT_FOUND', 'Case not found');
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT * FROM signal_case WHERE id = $1 AND municipality = $2`,
      [id, municipality],
    );
    if (rows.length === 0) throw new HubException('NOT_FOUND', 'Case not found');
    await this.audit.record(principal, { action: 'CASE_VIEWED', subjectType: 'case', subjectIds: [id] });
    return toCase(rows[0]);
  }

  /**
   * The worker takes the case on: its new signals become "Opgepakt", and each creditor hears its signal
   * was picked up (a status the disclosure rules allow).
   */
  async pickUp(principal: Principal, id: string): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    await this.dataSource.transaction(async (tx) => {
      const row = await lockCase(tx, id, municipality);
      if (row.status !== CaseStatusValue.NEW) throw new HubException('CONFLICT', 'Case is already picked up or closed');
      await tx.query(
        `UPDATE signal_case SET status = 'IN_PROGRESS', picked_up_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      const signals: TellableSignal[] = await tx.query(
        // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `WITH picked AS (
           UPDATE signal SET status = 'PICKED_UP' WHERE case_id = $1 AND status = 'NOT_YET_PICKED_UP'
           RETURNING id, creditor_id, creditor_signal_ref)
         SELECT * FROM picked`,
        [id],
      );
      await enqueueFeedback(tx, tell(signals, `case-picked-up/${id}`, { status: 'PICKED_UP', reasonCode: null }));
      await this.audit.record(principal, { action: 'CASE_PICKED_UP', subjectType: 'case', subjectIds: [id] }, tx);
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
      const row = await lockCase(tx, id, municipality);
      if (row.status === CaseStatusValue.CLOSED) throw new HubException('CONFLICT', 'Case is already closed');
      await tx.query(
        `UPDATE signal_case SET status = 'CLOSED', result = $2, closed_at = now(), updated_at = now() WHERE id = $1`,
        [id, result],
      );
      await tx.query(
        `UPDATE signal SET status = $2 WHERE case_id = $1 AND status IN ('NOT_YET_PICKED_UP', 'PICKED_UP')`,
        [id, signalStatusForCaseResult(result)],
      );
      // Signals the rules already answered (repeat, unfounded) were told so at ingest.
      const signals: TellableSignal[] = await tx.query(
        `SELECT id, creditor_id, creditor_signal_ref FROM signal WHERE case_id = $1 AND decision = 'ACCEPTED'`,
        [id],
      );
      await enqueueFeedback(tx, tell(signals, `case-closed/${id}`, discloseCaseResult(result)));
      await this.audit.record(
        principal,
        { action: 'CASE_CLOSED', subjectType: 'case', subjectIds: [id], detail: { result } },
        tx,
      );
    });
    return this.get(principal, id);
  }

  async householdsByIds(ids: readonly string[]): Promise<Map<string, HouseholdType>> {
    const rows = await this.dataSource.query(
      `SELECT id, postcode, house_number, house_letter, house_number_addition, street, place
       FROM household WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r: Record<string, never>) => [
        r.id,
        {
          postcode: r.postcode,
          houseNumber: r.house_number,
          houseLetter: r.house_letter,
          houseNumberAddition: r.house_number_addition,
          street: r.street,
          place: r.place,
        },
      ]),
    );
  }

  async signalsByCaseIds(caseIds: readonly string[]): Promise<Map<string, SignalType[]>> {
    const rows = await this.dataSource.query(
      `SELECT * FROM signal WHERE case_id = ANY($1::uuid[]) ORDER BY signal_date, received_at`,
      [caseIds],
    );
    const byCase = new Map<string, SignalType[]>(caseIds.map((id) => [id, []]));
    for (const r of rows) {
      byCase.get(r.case_id)?.push({
        id: r.id,
        creditorId: r.creditor_id,
        creditorSignalRef: r.creditor_signal_ref,
        kind: r.kind,
        sector: r.sector as SectorValue,
        signalDate: r.signal_date,
        status: r.status,
        amountCents: String(r.amount_cents),
        arrearsSince: r.arrears_since,
        initials: r.initials,
        firstNames: r.first_names,
        surnamePrefix: r.surname_prefix,
        surname: r.surname,
        birthDate: r.birth_date,
        phone: r.phone,
        email: r.email,
        customerNumber: r.customer_number,
        crisis: r.crisis,
        warmHandover: r.warm_handover,
        receivedAt: r.received_at,
      });
    }
    return byCase;
  }
}

interface TellableSignal {
  id: string;
  creditor_id: string;
  creditor_signal_ref: string;
}

/** One feedback event per signal, with an id stable for this case event and signal. */
function tell(signals: TellableSignal[], cause: string, disclosure: Disclosure): FeedbackEvent[] {
  return signals.map((s) =>
    feedbackEvent(
      `${cause}/${s.id}`,
      { creditorId: s.creditor_id, creditorSignalRef: s.creditor_signal_ref },
      disclosure,
    ),
  );
}

/** The case row, locked for this transaction; NOT_FOUND outside the municipality, as for reads. */
async function lockCase(tx: EntityManager, id: string, municipality: string): Promise<{ status: string }> {
  if (!isUuid(id)) throw new HubException('NOT_FOUND', 'Case not found');
  const [row] = await tx.query(`SELECT status FROM signal_case WHERE id = $1 AND municipality = $2 FOR UPDATE`, [
    id,
    municipality,
  ]);
  if (!row) throw new HubException('NOT_FOUND', 'Case not found');
  return row;
}

function requireMunicipality(principal: Principal): string {
  if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
  return principal.municipality;
}

function toCase(row: CaseRow): CaseType {
  return {
    id: row.id,
    municipality: row.municipality.trim(),
    householdId: row.household_id,
    status: row.status as CaseStatusValue,
    creditorSpread: row.creditor_count > 1 ? CreditorSpread.MULTI : CreditorSpread.SINGLE,
    creditorCount: row.creditor_count,
    signalCount: row.signal_count,
    totalAmountCents: String(row.total_amount_cents),
    sectors: row.sectors as SectorValue[],
    firstSignalDate: row.first_signal_date,
    lastSignalDate: row.last_signal_date,
    openedAt: row.opened_at,
    pickedUpAt: row.picked_up_at,
    closedAt: row.closed_at,
    result: row.result,
  };
}

function caseCursor(c: CaseType): string {
  return encodeCursor(c.lastSignalDate ?? '', c.id);
}
