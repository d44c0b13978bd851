import { Injectable } from '@nestjs/common';
import { DEFAULT_MUNICIPALITY_POLICY, dutchDateOf, type CaseResult, type UrgencyFactor } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';
import { orNull } from '../database/sql-values.js';
import type { SectorValue } from '../graphql/enums.js';
import type { AcceptedSignal } from '../ingest/signal-pipeline.js';
import { caseFigures, type CaseSignalRow } from './case-figures.js';
import { CaseStatusValue, CreditorSpread, type CaseType, type HouseholdType } from './dto/case.types.js';

/** What a case list may be narrowed to. */
export interface CaseFilter {
  status?: CaseStatusValue;
  sector?: SectorValue;
  creditorSpread?: CreditorSpread;
  minimumAmountCents?: number;
  maximumAmountCents?: number;
  /** Any of these sectors. */
  sectors?: SectorValue[];
  /** Oldest current arrears began on or after / on or before (YYYY-MM-DD). */
  arrearsSinceFrom?: string;
  arrearsSinceTo?: string;
  /** Postcode areas (PC4) of the household. */
  pc4s?: string[];
  crisis?: boolean;
  unassigned?: boolean;
  /** Assigned to this worker (token `sub`). */
  assignedTo?: string;
  openOnly?: boolean;
}

/** The order of a case list; the keyset cursor holds the sort value of the order it was made for. */
export type CaseOrder = 'NEWEST' | 'URGENCY';

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
  urgency_score: number;
  urgency_factors: UrgencyFactor[];
  urgency_version: string | null;
  predecessor_id: string | null;
  assigned_to: string | null;
}

interface HouseholdRow {
  id: string;
  municipality: string;
  household_key: string;
}

/**
 * The case aggregate: `signal_case` and the `household` it is about. Every read takes a municipality:
 * there is no unscoped read of a case.
 */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Cases of the municipality matching the filter, newest signal first (or most urgent first), after
   * the keyset cursor (the sort value of the order: a date, or a score).
   */
  async page(
    municipality: string,
    filter: CaseFilter,
    after: { sortValue: string; id: string } | null,
    limit: number,
    order: CaseOrder = 'NEWEST',
  ): Promise<CaseType[]> {
    const { where, params } = filterSql(municipality, filter);
    const [sortColumn, sortType] = order === 'URGENCY' ? ['c.urgency_score', 'int'] : ['c.last_signal_date', 'date'];
    if (after) {
      params.push(after.sortValue, after.id);
      where.push(`(${sortColumn}, c.id) < ($${params.length - 1}::${sortType}, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT c.* FROM signal_case c WHERE ${where.join(' AND ')}
       ORDER BY ${sortColumn} DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toCase);
  }

  /** Per filter, how many cases of the municipality match it: one scan for all of them. */
  async countEach(municipality: string, filters: readonly CaseFilter[]): Promise<number[]> {
    if (filters.length === 0) return [];
    const params: unknown[] = [municipality];
    const counts = filters.map((filter, i) => {
      const { where } = filterSql(municipality, filter, params);
      return `count(*) FILTER (WHERE ${where.slice(1).join(' AND ') || 'true'})::int AS n${i}`;
    });
    const [row] = await this.dataSource.query(
      `SELECT ${counts.join(', ')} FROM signal_case c WHERE c.municipality = $1`,
      params,
    );
    return filters.map((_, i) => row[`n${i}`] as number);
  }

  async count(municipality: string, filter: CaseFilter): Promise<number> {
    const { where, params } = filterSql(municipality, filter);
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM signal_case c WHERE ${where.join(' AND ')}`,
      params,
    );
    return count;
  }

  /** The case when it belongs to the municipality, else null. */
  async find(id: string, municipality: string): Promise<CaseType | null> {
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT * FROM signal_case WHERE id = $1 AND municipality = $2 AND purged_at IS NULL`,
      [id, municipality],
    );
    return rows.length === 0 ? null : toCase(rows[0]);
  }

  /** The case's status, its row locked for the caller's transaction; null outside the municipality. */
  async lockStatus(tx: EntityManager, id: string, municipality: string): Promise<CaseStatusValue | null> {
    const [row] = await tx.query(`SELECT status FROM signal_case WHERE id = $1 AND municipality = $2 FOR UPDATE`, [
      id,
      municipality,
    ]);
    return row ? (row.status as CaseStatusValue) : null;
  }

  async markPickedUp(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE signal_case SET status = 'IN_PROGRESS', picked_up_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async markClosed(tx: EntityManager, id: string, result: CaseResult): Promise<void> {
    await tx.query(
      `UPDATE signal_case SET status = 'CLOSED', result = $2, closed_at = now(), updated_at = now() WHERE id = $1`,
      [id, result],
    );
  }

  /** Closed here as "geen inwoner (meer)": the case went to another municipality. */
  async markTransferred(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE signal_case SET status = 'TRANSFERRED', result = 'NOT_A_RESIDENT', closed_at = now(), updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  /**
   * The open case, in `municipality`, of the household of case `caseId` (the household copied under
   * that municipality, household and case created when missing). The same constraints decide as in
   * `openCases`, so a transfer joins a case the receiving municipality already has open.
   */
  async openCaseForHouseholdOf(tx: EntityManager, caseId: string, municipality: string): Promise<string> {
    await tx.query(
      `INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                              house_number_addition, street, place)
       SELECT $2, h.household_key, h.postcode, h.house_number, h.house_letter, h.house_number_addition, h.street, h.place
       FROM signal_case c JOIN household h ON h.id = c.household_id WHERE c.id = $1
       ON CONFLICT (municipality, household_key) DO NOTHING`,
      [caseId, municipality],
    );
    const [openCase] = await tx.query(
      `INSERT INTO signal_case (municipality, household_id)
       SELECT h.municipality, h.id FROM signal_case c
       JOIN household sending ON sending.id = c.household_id
       JOIN household h ON h.household_key = sending.household_key AND h.municipality = $2
       WHERE c.id = $1
       ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
       RETURNING id`,
      [caseId, municipality],
    );
    return openCase.id as string;
  }

  /** Assigns the case to a worker (`sub`), or unassigns it with null. */
  async assign(tx: EntityManager, id: string, worker: string | null): Promise<void> {
    await tx.query(
      `UPDATE signal_case SET assigned_to = $2, assigned_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END,
              updated_at = now() WHERE id = $1`,
      [id, worker],
    );
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
          id: r.id,
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

  /**
   * Upserts the households of routed signals and their open cases; returns the case id per
   * {@link addressKey}. Correct when several hub instances store at once: the unique constraints
   * decide which household and which open case a signal joins.
   */
  async openCases(tx: EntityManager, routed: AcceptedSignal[]): Promise<Map<string, string>> {
    const households = new Map<string, AcceptedSignal>();
    for (const s of routed) households.set(addressKey(s), s);
    if (households.size === 0) return new Map();
    // A fixed lock order across instances: two batches touching the same households cannot deadlock.
    const ordered = [...households.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
    // New households are inserted; existing ones are only read, never locked or rewritten, so batches
    // of other instances that touch the same households do not wait on each other here.
    const inserted: HouseholdRow[] = await tx.query(
      `${sqlTag(SQL_TAGS.householdInsert)}INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                              house_number_addition, street, place)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (municipality, household_key) DO NOTHING
       RETURNING id, municipality, household_key`,
      [
        ordered.map(municipalityOf),
        ordered.map((s) => s.signal.householdKey),
        ordered.map((s) => s.signal.postcode),
        ordered.map((s) => s.signal.houseNumber),
        ordered.map((s) => orNull(s.signal.houseLetter)),
        ordered.map((s) => orNull(s.signal.houseNumberAddition)),
        ordered.map((s) => orNull(s.signal.street)),
        ordered.map((s) => orNull(s.signal.place)),
      ],
    );
    const insertedKeys = new Set(inserted.map((r) => `${r.municipality.trim()}|${r.household_key}`));
    const existing = ordered.filter((s) => !insertedKeys.has(addressKey(s)));
    // A separate statement, so its snapshot also sees households another instance committed while
    // the insert above waited for it.
    const found: HouseholdRow[] = existing.length
      ? await tx.query(
          `${sqlTag(SQL_TAGS.householdSelect)}SELECT h.id, h.municipality, h.household_key FROM household h
           JOIN unnest($1::text[], $2::text[]) AS k(municipality, household_key)
             ON h.municipality = k.municipality AND h.household_key = k.household_key`,
          [existing.map(municipalityOf), existing.map((s) => s.signal.householdKey)],
        )
      : [];
    const householdRows = [...inserted, ...found];
    const householdIds = householdRows
      .map((r) => ({ id: r.id, key: `${r.municipality.trim()}|${r.household_key}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const dates = signalDatesByHousehold(ordered, routed);
    const caseRows: OpenedCaseRow[] = await tx.query(
      `${sqlTag(SQL_TAGS.caseUpsert)}INSERT INTO signal_case (municipality, household_id, predecessor_id, matching_period_end)
       SELECT h.municipality, h.id, ${PREDECESSOR_SQL}, x.first_date + ${periodDaysSql('h')}
       FROM household h JOIN unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS x(id, first_date, n) ON h.id = x.id
       ORDER BY x.n
       ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
       RETURNING ${OPENED_CASE_COLUMNS}`,
      [
        householdIds.map((h) => h.id),
        householdIds.map((h) => dates.get(h.key)![0]),
        DEFAULT_MUNICIPALITY_POLICY.matchingPeriodDays,
      ],
    );
    const keyOfHousehold = new Map(householdIds.map((h) => [h.id, h.key]));
    const caseOfHousehold = await this.supersedeExpired(
      tx,
      caseRows.map((r) => ({ row: r, dates: dates.get(keyOfHousehold.get(r.household_id)!)! })),
    );
    return new Map(householdIds.map((h) => [h.key, caseOfHousehold.get(h.id) as string]));
  }

  /**
   * Consecutive signals: a signal dated after the open case's matching period opens a new case that
   * names the old one as its predecessor, and the old one is closed as superseded, in the caller's
   * transaction. The caller's upsert holds the old case's row lock, so a concurrent batch for the same
   * household waits on it and then, finding the old case closed, joins the new one: the partial unique
   * index keeps deciding which case is open, whatever the timing. All signals of the household in the
   * batch go to the new case (they arrived together; the period is judged by the latest of them).
   * Returns the case to use per household id.
   */
  private async supersedeExpired(
    tx: EntityManager,
    opened: Array<{ row: OpenedCaseRow; dates: string[] }>,
  ): Promise<Map<string, string>> {
    const caseOfHousehold = new Map(opened.map(({ row }) => [row.household_id, row.id]));
    const expired = opened.filter(
      ({ row, dates }) => !row.inserted && row.matching_period_end !== null && dates.at(-1)! > row.matching_period_end,
    );
    if (expired.length === 0) return caseOfHousehold;
    await tx.query(
      `UPDATE signal_case SET status = 'CLOSED', closed_at = now(), superseded_at = now(), updated_at = now()
       WHERE id = ANY($1::uuid[]) AND closed_at IS NULL`,
      [expired.map(({ row }) => row.id)],
    );
    const successors: OpenedCaseRow[] = await tx.query(
      `INSERT INTO signal_case (municipality, household_id, predecessor_id, matching_period_end)
       SELECT old.municipality, old.household_id, old.id, x.first_date + ${periodDaysSql('old')}
       FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS x(id, first_date, n) JOIN signal_case old ON old.id = x.id
       ORDER BY x.n
       RETURNING ${OPENED_CASE_COLUMNS}`,
      [
        expired.map(({ row }) => row.id),
        // The new period starts with the first signal after the old one ended.
        expired.map(({ row, dates }) => dates.find((d) => d > row.matching_period_end!)!),
        DEFAULT_MUNICIPALITY_POLICY.matchingPeriodDays,
      ],
    );
    for (const r of successors) caseOfHousehold.set(r.household_id, r.id);
    return caseOfHousehold;
  }

  /**
   * The open case of a stored signal's household in `municipality` (household and case created when
   * missing), for a signal routed by hand. The same constraints decide as in `openCases`.
   */
  async openCaseForStoredSignal(tx: EntityManager, signalId: string, municipality: string): Promise<string> {
    await tx.query(
      `INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                              house_number_addition, street, place)
       SELECT $2, household_key, postcode, house_number, house_letter, house_number_addition, street, place
       FROM signal WHERE id = $1
       ON CONFLICT (municipality, household_key) DO NOTHING`,
      [signalId, municipality],
    );
    const [opened]: Array<OpenedCaseRow & { signal_date: string }> = await tx.query(
      `INSERT INTO signal_case (municipality, household_id, predecessor_id, matching_period_end)
       SELECT h.municipality, h.id, ${PREDECESSOR_SQL}, s.signal_date + ${periodDaysSql('h')}
       FROM household h JOIN signal s ON s.household_key = h.household_key
       WHERE s.id = $1 AND h.municipality = $2
       ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
       RETURNING ${OPENED_CASE_COLUMNS}, (SELECT signal_date FROM signal WHERE id = $1) AS signal_date`,
      [signalId, municipality, DEFAULT_MUNICIPALITY_POLICY.matchingPeriodDays],
    );
    const cases = await this.supersedeExpired(tx, [{ row: opened, dates: [opened.signal_date] }]);
    return cases.get(opened.household_id) as string;
  }

  /**
   * Recomputes the case figures and urgency from the case's signals: one read of its signals, one
   * write per case. The case upsert holds the case row lock until commit, so a concurrent batch for the
   * same case waits and then sees these signals.
   */
  async refreshFigures(tx: EntityManager, caseIds: string[], asOf = dutchDateOf(new Date())): Promise<void> {
    if (caseIds.length === 0) return;
    const signals: CaseSignalRow[] = await tx.query(
      `${sqlTag(SQL_TAGS.caseSignals)}SELECT case_id, creditor_id, sector, kind, amount_cents::text AS amount_cents,
              arrears_since::text AS arrears_since, COALESCE(supply_end_date::text, '') AS supply_end_date,
              crisis, warm_handover, signal_date::text AS signal_date,
              row_number() OVER (PARTITION BY case_id, creditor_id, creditor_signal_ref
                                 ORDER BY signal_date DESC, received_at DESC, id DESC) = 1 AS latest
       FROM signal WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const rows = caseFigures(caseIds, signals, asOf);
    await tx.query(
      `${sqlTag(SQL_TAGS.caseRefresh)}UPDATE signal_case c SET
              creditor_count = CASE WHEN f.has_signals THEN f.creditors ELSE c.creditor_count END,
              signal_count = CASE WHEN f.has_signals THEN f.signals ELSE c.signal_count END,
              total_amount_cents = CASE WHEN f.has_signals THEN f.total ELSE c.total_amount_cents END,
              sectors = CASE WHEN f.has_signals THEN string_to_array(f.sectors, ',') ELSE c.sectors END,
              first_signal_date = CASE WHEN f.has_signals THEN f.first_date ELSE c.first_signal_date END,
              last_signal_date = CASE WHEN f.has_signals THEN f.last_date ELSE c.last_signal_date END,
              updated_at = CASE WHEN f.has_signals THEN now() ELSE c.updated_at END,
              urgency_score = f.score, urgency_factors = f.factors::jsonb, urgency_version = f.version,
              urgency_as_of = $14::date, arrears_since = f.arrears_since, crisis = f.crisis
       FROM unnest($1::uuid[], $2::boolean[], $3::int[], $4::int[], $5::bigint[], $6::text[], $7::date[], $8::date[],
                   $9::int[], $10::text[], $11::text[], $12::date[], $13::boolean[])
            AS f(id, has_signals, creditors, signals, total, sectors, first_date, last_date,
                 score, factors, version, arrears_since, crisis)
       WHERE c.id = f.id`,
      [
        rows.map((r) => r.caseId),
        rows.map((r) => r.hasSignals),
        rows.map((r) => r.creditorCount),
        rows.map((r) => r.signalCount),
        rows.map((r) => r.totalAmountCents.toString()),
        rows.map((r) => r.sectors.join(',')),
        rows.map((r) => r.firstSignalDate),
        rows.map((r) => r.lastSignalDate),
        rows.map((r) => r.urgency.score),
        rows.map((r) => JSON.stringify(r.urgency.factors)),
        rows.map((r) => r.urgency.version),
        rows.map((r) => r.arrearsSince),
        rows.map((r) => r.crisis),
        asOf,
      ],
    );
  }
}

function filterSql(
  municipality: string,
  filter: CaseFilter,
  params: unknown[] = [municipality],
): { where: string[]; params: unknown[] } {
  // A purged case keeps no personal data to show: for workers it is gone.
  const where: string[] = ['c.municipality = $1', 'c.purged_at IS NULL'];
  const param = (value: unknown) => `$${params.push(value)}`;
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
  if (filter.maximumAmountCents !== undefined)
    where.push(`c.total_amount_cents <= ${param(filter.maximumAmountCents)}`);
  if (filter.sectors?.length) where.push(`c.sectors && ${param(filter.sectors)}::text[]`);
  if (filter.arrearsSinceFrom) where.push(`c.arrears_since >= ${param(filter.arrearsSinceFrom)}::date`);
  if (filter.arrearsSinceTo) where.push(`c.arrears_since <= ${param(filter.arrearsSinceTo)}::date`);
  if (filter.pc4s?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM household h WHERE h.id = c.household_id AND left(h.postcode, 4) = ANY (${param(filter.pc4s)}::text[]))`,
    );
  }
  if (filter.crisis !== undefined) where.push(`c.crisis = ${param(filter.crisis)}`);
  if (filter.unassigned) where.push('c.assigned_to IS NULL');
  if (filter.assignedTo !== undefined) where.push(`c.assigned_to = ${param(filter.assignedTo)}`);
  if (filter.openOnly) where.push('c.closed_at IS NULL');
  return { where, params };
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
    urgency: { score: row.urgency_score, version: row.urgency_version, factors: row.urgency_factors },
    predecessorId: row.predecessor_id,
    assignedTo: row.assigned_to,
  };
}

function municipalityOf(s: AcceptedSignal): string {
  return s.routing.kind === 'routed' ? s.routing.municipality : '';
}

/** `municipality|household key`: the household a routed signal belongs to. */
export function addressKey(s: AcceptedSignal): string {
  return `${municipalityOf(s)}|${s.signal.householdKey}`;
}

/** What the open-case upsert returns: the case, whether it was new, and when its matching period ends. */
interface OpenedCaseRow {
  id: string;
  household_id: string;
  matching_period_end: string | null;
  inserted: boolean;
}

const OPENED_CASE_COLUMNS = 'id, household_id, matching_period_end, (xmax = 0) AS inserted';

/** The household's latest earlier case (over `h`), shown as the predecessor of a case it opens. */
const PREDECESSOR_SQL = `(SELECT p.id FROM signal_case p WHERE p.household_id = h.id ORDER BY p.opened_at DESC, p.id DESC LIMIT 1)`;

/** The matching period of the municipality of the case or household `alias`, in days ($3: the default). */
const periodDaysSql = (alias: string) =>
  `COALESCE((SELECT mp.matching_period_days FROM municipality_policy mp WHERE mp.municipality = ${alias}.municipality), $3)`;

/** Per household key, the signal dates of the batch, sorted (YYYY-MM-DD strings sort as dates). */
function signalDatesByHousehold(ordered: AcceptedSignal[], routed: AcceptedSignal[]): Map<string, string[]> {
  const dates = new Map<string, string[]>(ordered.map((s) => [addressKey(s), []]));
  for (const s of routed) dates.get(addressKey(s))!.push(s.signal.signalDate);
  for (const list of dates.values()) list.sort();
  return dates;
}
