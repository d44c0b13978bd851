import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the data-sharing report groups its figures by. */
export type DataSharingGroupBy = 'CREDITOR' | 'SECTOR' | 'MONTH';

/** One source's counts under one group key (null: a message that proved no creditor or sector). */
export interface KeyedCount {
  key: string | null;
  label: string | null;
  count: number;
}

export interface DataSharingCounts {
  stored: Array<{ key: string | null; stored: number; accepted: number }>;
  refused: KeyedCount[];
  dropped: KeyedCount[];
  feedback: Array<{ key: string | null; status: string; reasonCode: string | null; count: number }>;
}

const DUTCH_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Amsterdam')::date`;

/** The group key per dimension; fixed SQL over the column names every source query shares. */
const KEY_SQL: Record<DataSharingGroupBy, string> = {
  CREDITOR: 'x.creditor_id',
  SECTOR: 'x.sector',
  MONTH: `to_char(x.day, 'YYYY-MM')`,
};

/**
 * The data-sharing report's counts over signal, refused_message, minimisation_count and
 * feedback_outbox: aggregates only. Days are Dutch calendar days (received, refused, dropped,
 * published); `municipality` null for the whole hub. Feedback belongs to a municipality through the
 * signal it is about; feedback on a refused message, which has no stored signal, counts hub-wide only.
 */
@Injectable()
export class DataSharingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(
    municipality: string | null,
    from: string,
    to: string,
    groupBy: DataSharingGroupBy,
  ): Promise<DataSharingCounts> {
    const key = KEY_SQL[groupBy];
    const params = [municipality, from, to];
    const stored = await this.dataSource.query(
      `SELECT ${key} AS key, count(*)::int AS stored, count(*) FILTER (WHERE x.decision = 'ACCEPTED')::int AS accepted
       FROM (SELECT creditor_id, sector, decision, ${DUTCH_DAY('received_at')} AS day FROM signal
             WHERE ($1::text IS NULL OR municipality = $1)) x
       WHERE x.day BETWEEN $2::date AND $3::date GROUP BY 1 ORDER BY 1`,
      params,
    );
    const refused = await this.dataSource.query(
      `SELECT ${key} AS key, x.reason AS label, count(*)::int AS count
       FROM (SELECT creditor_id, sector, reason, refused_on AS day FROM refused_message
             WHERE ($1::text IS NULL OR municipality = $1)) x
       WHERE x.day BETWEEN $2::date AND $3::date GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    const dropped = await this.dataSource.query(
      `SELECT ${key} AS key, x.field AS label, sum(x.dropped)::int AS count
       FROM (SELECT creditor_id, sector, field, dropped, day FROM minimisation_count
             WHERE ($1::text IS NULL OR municipality = $1)) x
       WHERE x.day BETWEEN $2::date AND $3::date GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    const feedback = await this.dataSource.query(
      `SELECT ${key} AS key, x.status, x.reason_code AS "reasonCode", count(*)::int AS count
       FROM (SELECT f.creditor_id, s.sector, f.status, f.reason_code, ${DUTCH_DAY('f.published_at')} AS day
             FROM feedback_outbox f
             LEFT JOIN LATERAL (SELECT s.sector, s.municipality FROM signal s
               WHERE s.creditor_id = f.creditor_id AND s.creditor_signal_ref = f.creditor_signal_ref
               ORDER BY s.received_at DESC LIMIT 1) s ON true
             WHERE f.published_at IS NOT NULL AND ($1::text IS NULL OR s.municipality = $1)) x
       WHERE x.day BETWEEN $2::date AND $3::date GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    return { stored, refused, dropped, feedback };
  }

  /** The creditors with an agreement with the municipality (any, for the hub) in force during the period. */
  async recipients(municipality: string | null, from: string, to: string): Promise<string[]> {
    const rows: Array<{ creditor_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT creditor_id FROM agreement
       WHERE ($1::text IS NULL OR municipality = $1)
         AND daterange(valid_from, valid_to, '[]') && daterange($2::date, $3::date, '[]')
       ORDER BY 1`,
      [municipality, from, to],
    );
    return rows.map((r) => r.creditor_id);
  }
}
