import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * Makes every transaction that writes a row of `table` matching `when` (a trigger condition on NEW)
 * fail at COMMIT, after all its statements ran, the audit insert included. What a change wrote in the
 * same transaction then disappears with it; a row written outside it would stay. Returns the undo.
 */
export async function failCommitsWriting(db: pg.Pool, table: string, when: string): Promise<() => Promise<void>> {
  const name = `test_fail_commit_${randomBytes(4).toString('hex')}`;
  await db.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$`,
  );
  await db.query(
    `CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT OR UPDATE ON ${table}
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await db.query(`DROP TRIGGER ${name} ON ${table}`);
    await db.query(`DROP FUNCTION ${name}()`);
  };
}
