import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';

/** One value data minimisation dropped: which field, of whose signal, for which municipality. */
export interface DroppedValue {
  creditorId: string;
  /** null while the signal is unrouted. */
  municipality: string | null;
  sector: string;
  field: string;
}

/**
 * `minimisation_count`: per creditor, field, Dutch calendar day, municipality and sector, how many
 * values data minimisation dropped (for the privacy officer's data-sharing report).
 */
@Injectable()
export class MinimisationCountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts the dropped values in one statement: grouped in SQL, inserted in a fixed order, so
   * concurrent batches lock the counter rows in the same order.
   */
  async add(dropped: DroppedValue[], tx?: EntityManager): Promise<void> {
    if (dropped.length === 0) return;
    await (tx ?? this.dataSource).query(
      `${sqlTag(SQL_TAGS.minimisationCount)}INSERT INTO minimisation_count (creditor_id, field, municipality, sector, day, dropped)
       SELECT creditor_id, field, municipality, sector, (now() AT TIME ZONE 'Europe/Amsterdam')::date, count(*)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(creditor_id, field, municipality, sector)
       GROUP BY creditor_id, field, municipality, sector
       ORDER BY creditor_id, field, municipality NULLS FIRST, sector
       ON CONFLICT (creditor_id, field, day, municipality, sector) DO UPDATE
         SET dropped = minimisation_count.dropped + EXCLUDED.dropped, updated_at = now()`,
      [
        dropped.map((d) => d.creditorId),
        dropped.map((d) => d.field),
        dropped.map((d) => d.municipality),
        dropped.map((d) => d.sector),
      ],
    );
  }
}
