import type { MigrationInterface, QueryRunner } from 'typeorm';

const REGISTRY_TABLES = ['creditor', 'creditor_key', 'agreement', 'municipality_policy'] as const;

/**
 * - Duplicates are judged per creditor: the same payload bytes from two creditors are two signals,
 *   so no creditor can make another's signal vanish by sending its payload first.
 * - The registry carries a version that every change bumps in its own transaction. The ingest
 *   compares it inside each store transaction (holding it FOR SHARE), so a revocation that has
 *   committed is in force on every hub instance for every batch stored after it, and a batch in
 *   flight finishes before the revocation commits.
 * - Amounts are bounded in the table as well as in validation (defence in depth; NOT VALID leaves
 *   rows stored before the bound alone).
 */
export class IngestHardening1732700000000 implements MigrationInterface {
  name = 'IngestHardening1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal DROP CONSTRAINT signal_payload_uq`);
    await q.query(`ALTER TABLE signal ADD CONSTRAINT signal_creditor_payload_uq UNIQUE (creditor_id, payload_sha256)`);
    await q.query(
      `ALTER TABLE signal ADD CONSTRAINT signal_amount_range CHECK (amount_cents BETWEEN 0 AND 1000000000) NOT VALID`,
    );
    await q.query(`
      CREATE TABLE registry_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO registry_version (version) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE registry_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of REGISTRY_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_bumps_registry_version
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of REGISTRY_TABLES) await q.query(`DROP TRIGGER ${table}_bumps_registry_version ON ${table}`);
    await q.query(`DROP FUNCTION bump_registry_version()`);
    await q.query(`DROP TABLE registry_version`);
    await q.query(`ALTER TABLE signal DROP CONSTRAINT signal_amount_range`);
    await q.query(`ALTER TABLE signal DROP CONSTRAINT signal_creditor_payload_uq`);
    await q.query(`ALTER TABLE signal ADD CONSTRAINT signal_payload_uq UNIQUE (payload_sha256)`);
  }
}
