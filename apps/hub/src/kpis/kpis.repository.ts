import { Injectable } from '@nestjs/common';
import { HELP_ACCEPTED_RESULTS, type CaseResult, type Sector, type SignalStatus } from '@signaalhub/domain';
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

/** Reads over signal and signal_case; aggregates only, no row leaves the database. */
@Injectable()
export class KpisRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(municipality: string, from: string, to: string): Promise<KpiCounts> {
    const [row] = await this.dataSource.query(
      // Two index ranges: the signals' (municipality, date) index holds sector and status, the cases'
      // (municipality, first signal date) index every case column counted.
      `WITH s AS (
         SELECT p.sector, p.status, count(*)::int AS n FROM (${periodSignalsSql}) p GROUP BY p.sector, p.status),
       cases AS (${periodCasesSql})
       SELECT
         (SELECT coalesce(sum(n), 0)::int FROM s) AS signals,
         (SELECT coalesce(json_agg(json_build_object('sector', sector, 'count', n) ORDER BY sector), '[]')
            FROM (SELECT sector, sum(n)::int AS n FROM s GROUP BY sector) x) AS by_sector,
         (SELECT coalesce(json_agg(json_build_object('status', status, 'count', n) ORDER BY status), '[]')
            FROM (SELECT status, sum(n)::int AS n FROM s GROUP BY status) x) AS by_status,
         c.*,
         (SELECT coalesce(json_agg(json_build_object('result', result, 'count', n) ORDER BY result), '[]')
            FROM (SELECT result, count(*)::int AS n FROM cases WHERE result IS NOT NULL GROUP BY result) x) AS results
       FROM (
         SELECT count(*)::int AS cases,
                count(*) FILTER (WHERE picked_up_at IS NOT NULL)::int AS picked_up,
                count(first_contact_attempt_on)::int AS contact_attempted,
                count(first_reached_contact_on)::int AS reached,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_contact_attempt_on - first_signal_date) AS median_attempt,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reached_contact_on - first_signal_date) AS median_reached,
                count(result)::int AS closed,
                count(*) FILTER (WHERE result = ANY($4::text[]))::int AS help_accepted
         FROM cases) c`,
      [municipality, from, to, HELP_ACCEPTED_RESULTS],
    );
    return {
      signals: row.signals,
      bySector: row.by_sector,
      byStatus: row.by_status,
      cases: row.cases,
      pickedUp: row.picked_up,
      contactAttempted: row.contact_attempted,
      reached: row.reached,
      medianDaysToFirstContactAttempt: row.median_attempt === null ? null : Number(row.median_attempt),
      medianDaysToFirstReachedContact: row.median_reached === null ? null : Number(row.median_reached),
      closed: row.closed,
      results: row.results,
      helpAccepted: row.help_accepted,
    };
  }
}
