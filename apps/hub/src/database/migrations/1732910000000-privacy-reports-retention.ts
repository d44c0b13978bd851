import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the privacy officer's reports read, and what retention needs:
 * - data minimisation is counted per Dutch calendar day, municipality and sector as well, so the
 *   data-sharing report can show a municipality and a period (rows counted before stay under the day
 *   they were last updated, without municipality);
 * - every refused message leaves one row of ids and codes (keyed by its place on the topic, so a
 *   redelivered batch counts it once): refused signals themselves are never stored;
 * - retention terms per municipality, and a record of each retention run;
 * - purged signals and households keep no personal column, so those columns may be empty; a
 *   never-picked-up case is closed when purged, without an end result.
 */
export class PrivacyReportsRetention1732910000000 implements MigrationInterface {
  name = 'PrivacyReportsRetention1732910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE minimisation_count
      ADD COLUMN day date,
      ADD COLUMN municipality char(6),
      ADD COLUMN sector text`);
    await q.query(`UPDATE minimisation_count SET day = (updated_at AT TIME ZONE 'Europe/Amsterdam')::date`);
    await q.query(`ALTER TABLE minimisation_count ALTER COLUMN day SET NOT NULL,
      ALTER COLUMN day SET DEFAULT (now() AT TIME ZONE 'Europe/Amsterdam')::date,
      DROP CONSTRAINT minimisation_count_pkey`);
    await q.query(`ALTER TABLE minimisation_count ADD CONSTRAINT minimisation_count_uq
      UNIQUE NULLS NOT DISTINCT (creditor_id, field, day, municipality, sector)`);
    await q.query(`CREATE INDEX minimisation_count_day_idx ON minimisation_count (day)`);

    await q.query(`
      CREATE TABLE refused_message (
        -- topic/partition/offset of the refused message
        source_position text PRIMARY KEY,
        -- the authentic creditor; NULL when the message proved no creditor (forged, undecodable)
        creditor_id text,
        reason text NOT NULL,
        -- known when the convenant rules refused a routed signal
        municipality char(6),
        sector text,
        refused_on date NOT NULL DEFAULT (now() AT TIME ZONE 'Europe/Amsterdam')::date
      )`);
    await q.query(`CREATE INDEX refused_message_day_idx ON refused_message (refused_on, municipality)`);

    await q.query(`
      CREATE TABLE retention_policy (
        municipality char(6) PRIMARY KEY CHECK (municipality ~ '^GM[0-9]{4}$'),
        unpicked_signal_months integer NOT NULL CHECK (unpicked_signal_months BETWEEN 1 AND 120),
        closed_case_months integer NOT NULL CHECK (closed_case_months BETWEEN 1 AND 120),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE retention_run (
        id bigserial PRIMARY KEY,
        municipality char(6) NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        unpicked_signal_months integer NOT NULL,
        closed_case_months integer NOT NULL,
        cases_purged integer NOT NULL,
        signals_purged integer NOT NULL,
        households_purged integer NOT NULL,
        notes_deleted integer NOT NULL
      )`);
    await q.query(`CREATE INDEX retention_run_municipality_idx ON retention_run (municipality, id DESC)`);

    await q.query(`ALTER TABLE signal_case ADD COLUMN purged_at timestamptz`);
    await q.query(`ALTER TABLE signal_case DROP CONSTRAINT signal_case_result_ck`);
    await q.query(`ALTER TABLE signal_case ADD CONSTRAINT signal_case_result_ck CHECK (
      (closed_at IS NULL AND result IS NULL AND superseded_at IS NULL)
      OR (closed_at IS NOT NULL AND (result IS NOT NULL) <> (superseded_at IS NOT NULL))
      OR (closed_at IS NOT NULL AND result IS NULL AND superseded_at IS NULL AND purged_at IS NOT NULL))`);
    // Candidates for retention: cases not yet purged, by municipality.
    await q.query(`CREATE INDEX signal_case_unpurged_idx ON signal_case (municipality, id) WHERE purged_at IS NULL`);
    await q.query(`ALTER TABLE signal ALTER COLUMN surname DROP NOT NULL,
      ALTER COLUMN postcode DROP NOT NULL, ALTER COLUMN house_number DROP NOT NULL`);
    await q.query(`ALTER TABLE household ALTER COLUMN postcode DROP NOT NULL, ALTER COLUMN house_number DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Purged rows cannot regain what was deleted: going down is refused once anything was purged.
    await q.query(`ALTER TABLE household ALTER COLUMN postcode SET NOT NULL, ALTER COLUMN house_number SET NOT NULL`);
    await q.query(`ALTER TABLE signal ALTER COLUMN surname SET NOT NULL,
      ALTER COLUMN postcode SET NOT NULL, ALTER COLUMN house_number SET NOT NULL`);
    await q.query(`DROP INDEX signal_case_unpurged_idx`);
    await q.query(`ALTER TABLE signal_case DROP CONSTRAINT signal_case_result_ck`);
    await q.query(`ALTER TABLE signal_case ADD CONSTRAINT signal_case_result_ck CHECK (
      (closed_at IS NULL AND result IS NULL AND superseded_at IS NULL)
      OR (closed_at IS NOT NULL AND (result IS NOT NULL) <> (superseded_at IS NOT NULL)))`);
    await q.query(`ALTER TABLE signal_case DROP COLUMN purged_at`);
    await q.query(`DROP TABLE retention_run`);
    await q.query(`DROP TABLE retention_policy`);
    await q.query(`DROP TABLE refused_message`);
    await q.query(`DROP INDEX minimisation_count_day_idx`);
    await q.query(`ALTER TABLE minimisation_count DROP CONSTRAINT minimisation_count_uq`);
    await q.query(`DELETE FROM minimisation_count WHERE (creditor_id, field, day) NOT IN (
      SELECT creditor_id, field, max(day) FROM minimisation_count GROUP BY 1, 2)`);
    await q.query(`ALTER TABLE minimisation_count DROP COLUMN sector, DROP COLUMN municipality, DROP COLUMN day`);
    await q.query(`ALTER TABLE minimisation_count ADD PRIMARY KEY (creditor_id, field)`);
  }
}
