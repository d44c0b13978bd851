import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A refused message as the data-sharing report counts it: ids and codes only. */
export interface Refusal {
  /** `topic/partition/offset`: a redelivered batch records the same refusal once. */
  position: string;
  creditorId: string | null;
  reason: string;
  municipality: string | null;
  sector: string | null;
}

/** `refused_message`: one row per refused message; the signal itself is never stored. */
@Injectable()
export class RefusedMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(refusals: Refusal[], tx?: EntityManager): Promise<void> {
    if (refusals.length === 0) return;
    await (tx ?? this.dataSource).query(
      `INSERT INTO refused_message (source_position, creditor_id, reason, municipality, sector)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (source_position) DO NOTHING`,
      [
        refusals.map((r) => r.position),
        refusals.map((r) => r.creditorId),
        refusals.map((r) => r.reason),
        refusals.map((r) => r.municipality),
        refusals.map((r) => r.sector),
      ],
    );
  }
}
