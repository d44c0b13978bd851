import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A worker picks a case up and closes it with one DDAS end result (EnumEindresultaat). */
export class CaseWork1732600000000 implements MigrationInterface {
  name = 'CaseWork1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal_case
      ADD COLUMN result text,
      ADD COLUMN picked_up_at timestamptz,
      ADD CONSTRAINT signal_case_result_ck CHECK ((closed_at IS NULL) = (result IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE signal_case DROP CONSTRAINT signal_case_result_ck, DROP COLUMN result, DROP COLUMN picked_up_at`,
    );
  }
}
