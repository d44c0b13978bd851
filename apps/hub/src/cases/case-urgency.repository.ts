import { Injectable } from '@nestjs/common';
import type { Sector, SignalKind } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { caseUrgencies } from './case-urgency.js';

/** A case's current signal as urgency reads it: the latest of each creditor case (arrears). */
export interface CurrentSignalRow {
  case_id: string;
  creditor_id: string;
  sector: Sector;
  kind: SignalKind;
  amount_cents: string;
  arrears_since: string;
  supply_end_date: string;
  crisis: boolean;
  warm_handover: boolean;
}

/**
 * The urgency columns of `signal_case`: score, factors and model version, recomputed from the case's
 * current signals by set-based statements (one read, one write per call, whatever the number of cases).
 */
@Injectable()
export class CaseUrgencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Recomputes the urgency of `caseIds` as of `asOf` (YYYY-MM-DD) in the caller's transaction. */
  async refresh(tx: EntityManager, caseIds: readonly string[], asOf: string): Promise<void> {
    if (caseIds.length === 0) return;
    // Arrears the creditor withdrew (resolved) no longer make a case urgent.
    const signals: CurrentSignalRow[] = await tx.query(
      `SELECT case_id, creditor_id, sector, kind, amount_cents::text AS amount_cents, arrears_since::text AS arrears_since,
              COALESCE(supply_end_date::text, '') AS supply_end_date, crisis, warm_handover
       FROM (SELECT DISTINCT ON (case_id, creditor_id, creditor_signal_ref) *
             FROM signal WHERE case_id = ANY($1::uuid[])
             ORDER BY case_id, creditor_id, creditor_signal_ref, signal_date DESC, received_at DESC, id DESC) latest
       WHERE kind <> 'WITHDRAWN'`,
      [caseIds],
    );
    const rows = caseUrgencies(caseIds, signals, asOf);
    await tx.query(
      `UPDATE signal_case c SET urgency_score = u.score, urgency_factors = u.factors::jsonb, urgency_version = u.version,
              urgency_as_of = $6::date, arrears_since = u.arrears_since, crisis = u.crisis
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::date[], $7::boolean[])
            AS u(id, score, factors, version, arrears_since, crisis)
       WHERE c.id = u.id`,
      [
        rows.map((r) => r.caseId),
        rows.map((r) => r.urgency.score),
        rows.map((r) => JSON.stringify(r.urgency.factors)),
        rows.map((r) => r.urgency.version),
        rows.map((r) => r.arrearsSince),
        asOf,
        rows.map((r) => r.crisis),
      ],
    );
  }

  /**
   * Locks up to `limit` open cases not yet scored for `asOf`, after `afterId` in id order. Cases
   * another transaction holds (an ingest batch, which scores them itself) are skipped, not waited
   * for, so the daily recompute can never deadlock with ingest.
   */
  async lockUnscored(tx: EntityManager, asOf: string, afterId: string, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM signal_case
       WHERE closed_at IS NULL AND id > $2::uuid AND urgency_as_of IS DISTINCT FROM $1::date
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [asOf, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
