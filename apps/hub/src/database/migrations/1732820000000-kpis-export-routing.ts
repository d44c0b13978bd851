import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the municipality figures, the DDAS export and exact-address routing read: contact attempts
 * (created here only when the case-work migration has not already), the period look-ups of signals,
 * and the CBS address table (PC6 + house number → municipality) the operator imports.
 */
export class KpisExportRouting1732820000000 implements MigrationInterface {
  name = 'KpisExportRouting1732820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS contact_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES signal_case (id),
        kind text NOT NULL,
        reached boolean NOT NULL,
        attempted_on date NOT NULL,
        day_part text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS contact_attempt_case_idx ON contact_attempt (case_id, attempted_on)`);
    // The figures and the export select a municipality's signals by signal date.
    await q.query(
      `CREATE INDEX signal_municipality_date_idx ON signal (municipality, signal_date) WHERE routing = 'ROUTED'`,
    );
    await q.query(`
      CREATE TABLE pc6_address (
        postcode char(6) NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
        house_number integer NOT NULL CHECK (house_number BETWEEN 1 AND 99999),
        municipality char(6) NOT NULL CHECK (municipality ~ '^GM[0-9]{4}$'),
        PRIMARY KEY (postcode, house_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pc6_address`);
    await q.query(`DROP INDEX signal_municipality_date_idx`);
    // contact_attempt may belong to the case-work migration: it is left for that one to drop.
  }
}
