import { Injectable } from '@nestjs/common';
import {
  HELP_ACCEPTED_RESULTS,
  medianOfCounts,
  type CaseResult,
  type Sector,
  type SignalStatus,
} from '@signaalhub/domain';
import { DataSource } from 'typeorm';

/** The monitor's counts for one municipality and period, straight from SQL. */
export interface KpiCounts {
  signals: number;
  bySector: Array<{ sector: Sector; count: number }>;
  byStatus: Array<{ status: SignalStatus; count: number }>;
  cases: number;
  pickedUp: number;
  contactAttempted: number;
  reached: number;
  medianDaysToFirstContactAttempt: number | null;
  medianDaysToFirstReachedContact: number | null;
  closed: number;
  results: Array<{ result: CaseResult; count: number }>;
  helpAccepted: number;
}

/**
 * The period's signals: routed to the municipality, in one of its cases, with their signal date in
 * the period (a signal's municipality is its case's: a foreign key holds both); the period's cases:
 * the cases those signals belong to. The DDAS export selects the very same signals
 * (`periodSignalsSql`), and a test holds the case formulation below equal to theirs.
 */
export const periodSignalsSql = `
  SELECT s.* FROM signal s
  WHERE s.routing = 'ROUTED' AND s.municipality = $1 AND s.case_id IS NOT NULL
    AND s.signal_date BETWEEN $2::date AND $3::date`;

/**
 * The period's cases from the case rows, whose first and last signal dates are signal dates: a case
 * whose first or last signal falls in the period is in it, one whose signals all lie before or after
 * it is not; only a case whose signals reach over the whole period (a day or a week amid its signals)
 * is looked up among them. A transferred case keeps its dates but its signals went with the
 * household, so it is in no period of its old municipality.
 */
const periodCasesSql = `
  SELECT c.first_signal_date, c.picked_up_at, c.result, c.first_contact_attempt_on, c.first_reached_contact_on
  FROM signal_case c
  WHERE c.municipality = $1 AND c.status <> 'TRANSFERRED'
    AND c.first_signal_date <= $3::date AND c.last_signal_date >= $2::date
    AND (c.first_signal_date >= $2::date OR c.last_signal_date <= $3::date
         OR EXISTS (SELECT 1 FROM signal s WHERE s.case_id = c.id AND s.signal_date BETWEEN $2::date AND $3::date))`;

/** A row of the cases' counts: `g` tells which count it is (see {@link caseCountsSql}). */
interface CaseCountRow {
  g: number;
  result: CaseResult | null;
  days: number | null;
  n: number;
  picked_up: number | null;
}

/**
 * The period's cases counted in one pass: one hash aggregate per (result, days to the first contact
 * attempt, days to the first reached contact), a few hundred groups, then summed up as all of them
 * (`g` 7), per result (`g` 3), and per number of days to the first attempt (`g` 5) and to the first
 * reached contact (`g` 6); the medians come from the last two. Counting per day rather than sorting
 * every case keeps a year of a large municipality one index range and a small hash table (the
 * statistics `signal_case_kpi_days_stats` tell the planner how few groups there are).
 */
const caseCountsSql = `
  WITH c AS (
    SELECT c.result, c.first_contact_attempt_on - c.first_signal_date AS attempt_days,
           c.first_reached_contact_on - c.first_signal_date AS reached_days,
           count(*) AS n, count(c.picked_up_at) AS picked_up
    FROM (${periodCasesSql}) c
    GROUP BY 1, 2, 3)
  SELECT 7 AS g, NULL AS result, NULL::int AS days, coalesce(sum(n), 0)::int AS n, coalesce(sum(picked_up), 0)::int AS picked_up FROM c
  UNION ALL SELECT 3, result, NULL, sum(n)::int, NULL FROM c GROUP BY result
  UNION ALL SELECT 5, NULL, attempt_days, sum(n)::int, NULL FROM c GROUP BY attempt_days
  UNION ALL SELECT 6, NULL, reached_days, sum(n)::int, NULL FROM c GROUP BY reached_days
  ORDER BY g, result`;

/**
 * The period's signals counted per sector (`g` 1) and per status (`g` 2), summed up from the counts
 * per sector and status (one index range and a hash table of a few dozen groups).
 */
const signalCountsSql = `
  WITH s AS (SELECT p.sector, p.status, count(*) AS n FROM (${periodSignalsSql}) p GROUP BY 1, 2)
  SELECT 1 AS g, sector, NULL AS status, sum(n)::int AS n FROM s GROUP BY sector
  UNION ALL SELECT 2, NULL, status, sum(n)::int FROM s GROUP BY status
  ORDER BY g, sector, status`;

/** Reads over signal and signal_case; aggregates only, no row leaves the database. */
@Injectable()
export class KpisRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(municipality: string, from: string, to: string): Promise<KpiCounts> {
    // Two reads of two tables, side by side on two connections: a request takes as long as the
    // slower of them. The signals' (municipality, date) index holds sector and status, the cases'
    // (municipality, first signal date) index every case column counted.
    const [signalRows, caseRows] = await Promise.all([
      this.readSerially<Array<{ g: number; sector: Sector | null; status: SignalStatus | null; n: number }>>(
        signalCountsSql,
        [municipality, from, to],
      ),
      this.readSerially<CaseCountRow[]>(caseCountsSql, [municipality, from, to]),
    ]);
    const bySector = signalRows.filter((r) => r.g === 1).map((r) => ({ sector: r.sector!, count: r.n }));
    const byStatus = signalRows.filter((r) => r.g === 2).map((r) => ({ status: r.status!, count: r.n }));
    const all = caseRows.find((r) => r.g === 7);
    const results = caseRows
      .filter((r) => r.g === 3 && r.result !== null)
      .map((r) => ({ result: r.result!, count: r.n }));
    const days = (g: number) =>
      caseRows.filter((r) => r.g === g && r.days !== null).map((r) => ({ value: r.days!, count: r.n }));
    const attempts = days(5);
    const reached = days(6);
    const sum = (counts: Array<{ count: number }>) => counts.reduce((n, c) => n + c.count, 0);
    return {
      signals: sum(bySector),
      bySector,
      byStatus,
      cases: all?.n ?? 0,
      pickedUp: all?.picked_up ?? 0,
      contactAttempted: sum(attempts),
      reached: sum(reached),
      medianDaysToFirstContactAttempt: medianOfCounts(attempts),
      medianDaysToFirstReachedContact: medianOfCounts(reached),
      closed: sum(results),
      results,
      helpAccepted: sum(results.filter((r) => HELP_ACCEPTED_RESULTS.includes(r.result))),
    };
  }

  /**
   * One statement without parallel workers. A KPI request already reads on two backends; workers on
   * top of them would take more of the database's cores for one request, and on a small server
   * they only contend with the other read (a year of GM0363 at 1,000,000 signals, both statements
   * side by side: 445 ms with two workers for the signal count, 330 ms without).
   */
  private readSerially<T>(sql: string, parameters: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      return tx.query<T>(sql, parameters);
    });
  }
}
