import { Injectable } from '@nestjs/common';
import type { RetentionPolicy } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { RetentionCandidate } from './retention-plan.js';

/** What one purge removed. */
export interface PurgeCounts {
  cases: number;
  signals: number;
  households: number;
  notes: number;
}

export interface RetentionRunRow extends PurgeCounts {
  id: string;
  municipality: string;
  startedAt: Date;
  finishedAt: Date;
  actor: string;
  policy: RetentionPolicy;
}

const DUTCH_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Amsterdam')::date::text`;

const CANDIDATE_COLUMNS = `c.id, c.municipality,
  coalesce(c.last_signal_date::text, ${DUTCH_DAY('c.opened_at')}) AS last_signal_date,
  ${DUTCH_DAY('c.picked_up_at')} AS picked_up_on, ${DUTCH_DAY('c.closed_at')} AS closed_on`;

/**
 * The personal columns of a signal. Postcode and house number go too: a purged case is no longer
 * reported to CBS (the DDAS delivery of a period is made before its term), and the figures read
 * none of these columns.
 */
const SIGNAL_PERSONAL_COLUMNS = [
  'initials',
  'first_names',
  'surname_prefix',
  'surname',
  'birth_date',
  'phone',
  'email',
  'street',
  'place',
  'postcode',
  'house_number',
  'house_letter',
  'house_number_addition',
  'customer_number',
] as const;

/**
 * Retention's tables (`retention_policy`, `retention_run`) and the deletions themselves, over
 * signal, signal_case, household and case_note. Deletion, not flagging: the personal columns are
 * emptied, notes deleted; ids, codes, dates and amounts stay for the figures.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async policies(): Promise<Map<string, RetentionPolicy>> {
    const rows: Array<{ municipality: string; unpicked_signal_months: number; closed_case_months: number }> =
      await this.dataSource.query(`SELECT * FROM retention_policy`);
    return new Map(
      rows.map((r) => [
        r.municipality.trim(),
        { unpickedSignalMonths: r.unpicked_signal_months, closedCaseMonths: r.closed_case_months },
      ]),
    );
  }

  async setPolicy(municipality: string, policy: RetentionPolicy, actor: string, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO retention_policy (municipality, unpicked_signal_months, closed_case_months, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (municipality) DO UPDATE SET unpicked_signal_months = EXCLUDED.unpicked_signal_months,
         closed_case_months = EXCLUDED.closed_case_months, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [municipality, policy.unpickedSignalMonths, policy.closedCaseMonths, actor],
    );
  }

  /**
   * Cases not yet purged whose term can run (never picked up, or closed), in keyset pages by
   * (municipality, id); `municipality` null for every municipality.
   */
  async candidates(
    municipality: string | null,
    after: { municipality: string; id: string } | null,
    limit: number,
  ): Promise<RetentionCandidate[]> {
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM signal_case c
       WHERE c.purged_at IS NULL AND (c.picked_up_at IS NULL OR c.closed_at IS NOT NULL)
         AND ($1::text IS NULL OR c.municipality = $1)
         AND ($2::text IS NULL OR (c.municipality, c.id) > ($2::char(6), $3::uuid))
       ORDER BY c.municipality, c.id LIMIT $4`,
      [municipality, after?.municipality ?? null, after?.id ?? null, limit],
    );
    return rows.map(toCandidate);
  }

  /**
   * Locks the cases for the purge and reads their facts again: a case picked up or signalled since
   * the schedule was made must be judged on what holds now.
   */
  async lockCandidates(tx: EntityManager, caseIds: string[]): Promise<RetentionCandidate[]> {
    const rows: CandidateRow[] = await tx.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM signal_case c
       WHERE c.id = ANY($1::uuid[]) AND c.purged_at IS NULL
       ORDER BY c.id FOR UPDATE`,
      [caseIds],
    );
    return rows.map(toCandidate);
  }

  /**
   * Deletes the personal data of the cases (locked by `lockCandidates` in `tx`): their signals'
   * personal columns, their notes, and the address of each household left with no case that keeps
   * data. A case never picked up is closed (without an end result): nobody works it any more.
   */
  async purge(tx: EntityManager, caseIds: string[]): Promise<PurgeCounts> {
    if (caseIds.length === 0) return { cases: 0, signals: 0, households: 0, notes: 0 };
    // TypeORM answers an UPDATE or DELETE with [rows, affected].
    const [, signals] = await tx.query(
      `UPDATE signal SET ${SIGNAL_PERSONAL_COLUMNS.map((c) => `${c} = NULL`).join(', ')}, household_key = 'purged'
       WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const [, notes] = await tx.query(`DELETE FROM case_note WHERE case_id = ANY($1::uuid[])`, [caseIds]);
    await tx.query(
      `UPDATE signal_case SET purged_at = now(), updated_at = now(),
         status = CASE WHEN closed_at IS NULL THEN 'CLOSED' ELSE status END,
         closed_at = coalesce(closed_at, now())
       WHERE id = ANY($1::uuid[])`,
      [caseIds],
    );
    // A household is one address; it goes once none of its cases keeps personal data. Its key is
    // the address itself, so it is replaced: a later signal for that address makes a new household.
    const households: Array<{ id: string }> = await tx.query(
      `SELECT h.id FROM household h
       WHERE h.id IN (SELECT household_id FROM signal_case WHERE id = ANY($1::uuid[]))
       ORDER BY h.id FOR UPDATE`,
      [caseIds],
    );
    const [, purgedHouseholds] = await tx.query(
      `UPDATE household h SET household_key = 'purged:' || h.id, postcode = NULL, house_number = NULL,
         house_letter = NULL, house_number_addition = NULL, street = NULL, place = NULL
       WHERE h.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM signal_case c WHERE c.household_id = h.id AND c.purged_at IS NULL)`,
      [households.map((h) => h.id)],
    );
    return {
      cases: caseIds.length,
      signals: Number(signals),
      households: Number(purgedHouseholds),
      notes: Number(notes),
    };
  }

  async recordRun(
    tx: EntityManager,
    run: { municipality: string; startedAt: Date; actor: string; policy: RetentionPolicy; counts: PurgeCounts },
  ): Promise<string> {
    const [{ id }] = await tx.query(
      `INSERT INTO retention_run (municipality, started_at, actor, unpicked_signal_months, closed_case_months,
         cases_purged, signals_purged, households_purged, notes_deleted)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text`,
      [
        run.municipality,
        run.startedAt,
        run.actor,
        run.policy.unpickedSignalMonths,
        run.policy.closedCaseMonths,
        run.counts.cases,
        run.counts.signals,
        run.counts.households,
        run.counts.notes,
      ],
    );
    return id;
  }

  /** Runs, newest first, in keyset pages by id; `municipality` null for every municipality. */
  async runs(municipality: string | null, beforeId: string | null, limit: number): Promise<RetentionRunRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id::text, municipality, started_at, finished_at, actor, unpicked_signal_months, closed_case_months,
         cases_purged, signals_purged, households_purged, notes_deleted
       FROM retention_run
       WHERE ($1::text IS NULL OR municipality = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $3`,
      [municipality, beforeId, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      municipality: (r.municipality as string).trim(),
      startedAt: r.started_at as Date,
      finishedAt: r.finished_at as Date,
      actor: r.actor as string,
      policy: {
        unpickedSignalMonths: r.unpicked_signal_months as number,
        closedCaseMonths: r.closed_case_months as number,
      },
      cases: r.cases_purged as number,
      signals: r.signals_purged as number,
      households: r.households_purged as number,
      notes: r.notes_deleted as number,
    }));
  }
}

interface CandidateRow {
  id: string;
  municipality: string;
  last_signal_date: string;
  picked_up_on: string | null;
  closed_on: string | null;
}

function toCandidate(r: CandidateRow): RetentionCandidate {
  return {
    caseId: r.id,
    municipality: r.municipality.trim(),
    lastSignalDate: r.last_signal_date,
    pickedUpOn: r.picked_up_on,
    closedOn: r.closed_on,
  };
}
