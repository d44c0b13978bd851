import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data subject's rights (AVG art. 16, 17, 21). An objection is kept as a keyed pseudonym of the
 * person per municipality, never their name or address, so the table itself is no personal data
 * anyone could read back. An erased signal keeps its ids, dates, amounts and codes for the counts;
 * `erased_at` says its personal fields were removed on request.
 */
export class DataSubjectRights1732920000000 implements MigrationInterface {
  name = 'DataSubjectRights1732920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_subject_objection (
        municipality char(6) NOT NULL,
        pseudonym char(64) NOT NULL CHECK (pseudonym ~ '^[0-9a-f]{64}$'),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pseudonym, municipality)
      )`);
    await q.query(`ALTER TABLE signal ADD COLUMN erased_at timestamptz`);
    // An officer's look-up of a person: address and birth date narrow to a few signals in SQL.
    await q.query(`CREATE INDEX signal_subject_idx ON signal (municipality, postcode, house_number, birth_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX signal_subject_idx`);
    await q.query(`ALTER TABLE signal DROP COLUMN erased_at`);
    await q.query(`DROP TABLE data_subject_objection`);
  }
}
