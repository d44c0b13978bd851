import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createDatabase, dropDatabase } from '@signaalhub/devstack';
import { DataSource } from 'typeorm';
import { APP_ROLE, runMigrations } from '../apps/hub/src/index.js';
import { HubWorld, infra } from './support/hub-harness.js';

// A row of a chain of its own ('GM9999'), so the chains the hub writes stay whole.
const INSERT = `INSERT INTO audit_event (actor, actor_role, municipality, activity, action, subject_type, subject_id,
                                         sequence, previous_hash, hash)
  VALUES ($1, 'operator', 'GM9999', 'OPERATE_REGISTRY', 'TEST_EVENT', 'test', $2, 1, repeat('0', 64), repeat('1', 64))
  RETURNING id`;

describe('audit trail: append-only for the application and for the owner alike', () => {
  const world = new HubWorld('audit_append');
  let hub: INestApplication;
  let app: DataSource;
  let rowId: string;

  beforeAll(async () => {
    hub = await world.startHub({ INGEST_ENABLED: 'false' });
    app = hub.get(DataSource);
  });

  afterAll(async () => {
    await world.close();
  });

  it('runs the application’s connections as the application role, which owns no table', async () => {
    expect(await app.query(`SELECT current_user AS role`)).toEqual([{ role: APP_ROLE }]);
    const owned = await world.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`,
      [APP_ROLE],
    );
    expect(owned.rows).toEqual([]);
  });

  it('runs them without JIT compilation, which costs a large municipality’s statements more than it saves', async () => {
    expect(await app.query(`SHOW jit`)).toEqual([{ jit: 'off' }]);
  });

  it('lets the application append an audit row', async () => {
    const [row] = (await app.query(INSERT, ['app-test', 'a'])) as Array<{ id: string }>;
    rowId = row!.id;
    expect(await world.count(`SELECT count(*) FROM audit_event WHERE id = $1`, [rowId])).toBe(1);
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, true],
    ['DELETE', `DELETE FROM audit_event WHERE id = $1`, true],
    ['TRUNCATE', `TRUNCATE audit_event`, false],
    ['disabling the trigger', `ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`, false],
    ['dropping the trigger', `DROP TRIGGER audit_event_append_only ON audit_event`, false],
  ])('refuses the application’s %s', async (_name, sql, withId) => {
    await expect(app.query(sql, withId ? [rowId] : [])).rejects.toThrow(/permission denied|must be owner/);
    expect(await world.count(`SELECT count(*) FROM audit_event WHERE id = $1 AND actor = 'app-test'`, [rowId])).toBe(1);
  });

  it('still lets the application change its working tables', async () => {
    await app.query(`INSERT INTO municipality_policy (municipality) VALUES ('GM0363')`);
    await app.query(`UPDATE municipality_policy SET minimum_amount_cents = 100 WHERE municipality = 'GM0363'`);
    await app.query(`DELETE FROM municipality_policy WHERE municipality = 'GM0363'`);
    expect(await world.count(`SELECT count(*) FROM municipality_policy`)).toBe(0);
    await expect(app.query(`UPDATE signal_case SET result = result WHERE false`)).resolves.toBeDefined();
    await expect(app.query(`DELETE FROM feedback_outbox WHERE false`)).resolves.toBeDefined();
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, true],
    ['DELETE', `DELETE FROM audit_event WHERE id = $1`, true],
    ['TRUNCATE', `TRUNCATE audit_event`, false],
  ])('refuses a superuser’s %s through the trigger', async (name, sql, withId) => {
    const superuser = await world.db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect(superuser.rows).toEqual([{ rolsuper: true }]);
    await expect(world.db.query(sql, withId ? [rowId] : [])).rejects.toThrow(
      `audit_event is append-only: ${name} refused`,
    );
    expect(await world.count(`SELECT count(*) FROM audit_event WHERE id = $1 AND actor = 'app-test'`, [rowId])).toBe(1);
  });

  it('migrates several databases of one cluster side by side (the role is shared)', async () => {
    const names = [`${world.id}_side_a`, `${world.id}_side_b`];
    try {
      const urls = await Promise.all(names.map((name) => createDatabase(infra().databaseServer, name)));
      await Promise.all(urls.map((url) => runMigrations(url)));
      // Migrating again is a no-op, also with the role already in place.
      await runMigrations(urls[0]!);
    } finally {
      await Promise.all(names.map((name) => dropDatabase(infra().databaseServer, name)));
    }
  });
});
