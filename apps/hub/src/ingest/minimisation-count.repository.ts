import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';

/** `minimisation_count`: per creditor and field, how many values data minimisation dropped. */
@Injectable()
export class MinimisationCountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds to the counts; `counts` in a fixed order, so concurrent batches lock rows in the same order. */
  async add(counts: Array<{ creditorId: string; field: string; dropped: number }>, tx?: EntityManager): Promise<void> {
    if (counts.length === 0) return;
    await (tx ?? this.dataSource).query(
      `${sqlTag(SQL_TAGS.minimisationCount)}INSERT INTO minimisation_count (creditor_id, field, dropped)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (creditor_id, field) DO UPDATE
         SET dropped = minimisation_count.dropped + EXCLUDED.dropped, updated_at = now()`,
      [counts.map((c) => c.creditorId), counts.map((c) => c.field), counts.map((c) => c.dropped)],
    );
  }
}
