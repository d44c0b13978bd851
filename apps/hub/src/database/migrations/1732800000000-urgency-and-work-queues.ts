import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - Urgency: the score of the case under a versioned model, its factors and the day it was computed
 *   for, kept on the case so a worklist orders by it from an index instead of computing per read.
 * - Consecutive signals: the case's matching period ends on a fixed day; a signal after it opens a new
 *   case that names its predecessor, and the old open case is closed as superseded (without an end
 *   result: nobody worked it to one), so the one-open-case-per-household index keeps deciding.
 * - Assignment to a worker and the team leads' work queues (saved filters per municipality).
 */
export class UrgencyAndWorkQueues1732800000000 implements MigrationInterface {
  name = 'UrgencyAndWorkQueues1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal_case
      ADD COLUMN urgency_score integer NOT NULL DEFAULT 0,
      ADD COLUMN urgency_factors jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN urgency_version text,
      ADD COLUMN urgency_as_of date,
      ADD COLUMN arrears_since date,
      ADD COLUMN crisis boolean NOT NULL DEFAULT false,
      ADD COLUMN matching_period_end date,
      ADD COLUMN predecessor_id uuid REFERENCES signal_case (id),
      ADD COLUMN superseded_at timestamptz,
      ADD COLUMN assigned_to text,
      ADD COLUMN assigned_at timestamptz`);
    // Cases opened before: their period runs from their first signal, under today's policy.
    await q.query(`UPDATE signal_case c SET matching_period_end = c.first_signal_date + COALESCE(
        (SELECT p.matching_period_days FROM municipality_policy p WHERE p.municipality = c.municipality), 183)
      WHERE c.first_signal_date IS NOT NULL`);
    // A superseded case is closed without an end result; every other closed case has one.
    await q.query(`ALTER TABLE signal_case DROP CONSTRAINT signal_case_result_ck`);
    await q.query(`ALTER TABLE signal_case ADD CONSTRAINT signal_case_result_ck CHECK (
      (closed_at IS NULL AND result IS NULL AND superseded_at IS NULL)
      OR (closed_at IS NOT NULL AND (result IS NOT NULL) <> (superseded_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX signal_case_urgency_idx ON signal_case (municipality, urgency_score DESC, id DESC)`);
    await q.query(
      `CREATE INDEX signal_case_assigned_idx ON signal_case (municipality, assigned_to) WHERE assigned_to IS NOT NULL`,
    );
    // The predecessor of a new case is the household's latest earlier case.
    await q.query(`CREATE INDEX signal_case_household_idx ON signal_case (household_id, opened_at DESC)`);
    await q.query(`
      CREATE TABLE work_queue (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality char(6) NOT NULL,
        name text NOT NULL,
        filter jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT work_queue_name_uq UNIQUE (municipality, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_queue`);
    await q.query(`DROP INDEX signal_case_household_idx`);
    await q.query(`DROP INDEX signal_case_assigned_idx`);
    await q.query(`DROP INDEX signal_case_urgency_idx`);
    await q.query(`ALTER TABLE signal_case DROP CONSTRAINT signal_case_result_ck`);
    await q.query(
      `ALTER TABLE signal_case ADD CONSTRAINT signal_case_result_ck CHECK ((closed_at IS NULL) = (result IS NULL))`,
    );
    await q.query(`ALTER TABLE signal_case
      DROP COLUMN urgency_score, DROP COLUMN urgency_factors, DROP COLUMN urgency_version, DROP COLUMN urgency_as_of,
      DROP COLUMN arrears_since, DROP COLUMN crisis, DROP COLUMN matching_period_end, DROP COLUMN predecessor_id,
      DROP COLUMN superseded_at, DROP COLUMN assigned_to, DROP COLUMN assigned_at`);
  }
}
