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
 * The period's signals: routed to the municipality with their signal date in the period; the
 * period's cases: the municipality's cases those signals belong to. The DDAS export selects the very
 * same rows (`periodSignalsSql`), so its counts and these figures cannot differ.
 */
export const periodSignalsSql = `
  SELECT s.* FROM signal s
  JOIN signal_case c ON c.id = s.case_id AND c.municipality = $1
  WHERE s.routing = 'ROUTED' AND s.municipality = $1 AND s.signal_date BETWEEN $2::date AND $3::date`;

/** Reads over signal_case, signal and contact_attempt; aggregates only, no row leaves the database. */
@Injectable()
export class KpisRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(municipality: string, from: string, to: string): Promise<KpiCounts> {
    const [row] = await this.dataSource.query(
      // Only the columns counted: `s` is read several times, so PostgreSQL materialises it, and whole
      // signal rows would spill a large municipality's year to disk.
      `WITH s AS (SELECT p.case_id, p.sector, p.status FROM (${periodSignalsSql}) p),
       cases AS (
         SELECT c.id, c.first_signal_date, c.picked_up_at, c.result, c.closed_at, a.first_attempt, a.first_reached
         FROM signal_case c
         -- One pass over the period's contact attempts rather than two index probes per case.
         LEFT JOIN (SELECT case_id, min(attempted_on) AS first_attempt,
                           min(attempted_on) FILTER (WHERE reached) AS first_reached
                    FROM contact_attempt WHERE case_id IN (SELECT case_id FROM s) GROUP BY case_id) a
           ON a.case_id = c.id
         WHERE c.id IN (SELECT case_id FROM s))
       SELECT
         (SELECT count(*)::int FROM s) AS signals,
         (SELECT coalesce(json_agg(json_build_object('sector', sector, 'count', n) ORDER BY sector), '[]')
            FROM (SELECT sector, count(*)::int AS n FROM s GROUP BY sector) x) AS by_sector,
         (SELECT coalesce(json_agg(json_build_object('status', status, 'count', n) ORDER BY status), '[]')
            FROM (SELECT status, count(*)::int AS n FROM s GROUP BY status) x) AS by_status,
         (SELECT count(*)::int FROM cases) AS cases,
         (SELECT count(*)::int FROM cases WHERE picked_up_at IS NOT NULL) AS picked_up,
         (SELECT count(*)::int FROM cases WHERE first_attempt IS NOT NULL) AS contact_attempted,
         (SELECT count(*)::int FROM cases WHERE first_reached IS NOT NULL) AS reached,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_attempt - first_signal_date)
            FROM cases WHERE first_attempt IS NOT NULL) AS median_attempt,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reached - first_signal_date)
            FROM cases WHERE first_reached IS NOT NULL) AS median_reached,
         (SELECT count(*)::int FROM cases WHERE result IS NOT NULL) AS closed,
         (SELECT coalesce(json_agg(json_build_object('result', result, 'count', n) ORDER BY result), '[]')
            FROM (SELECT result, count(*)::int AS n FROM cases WHERE result IS NOT NULL GROUP BY result) x) AS results,
         (SELECT count(*)::int FROM cases WHERE result = ANY($4::text[])) AS help_accepted`,
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
