import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { decodeEnvelope, generateSigningKeyPair, verifyEnvelope } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, SYNTHETIC_CREDITORS, toKafkaRecord } from '../apps/connectors/src/index.js';
import { CreditorRegistryService, RegistryCache } from '../apps/hub/src/index.js';
import { seedDevelopmentCreditors } from '../tools/dev-seed.js';
import { failCommitsWriting } from './support/fail-at-commit.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const CREDITOR_FIELDS = `id name kvkNumber sectors
  keys { keyId createdAt revokedAt }
  agreements { id creditorId municipality sector validFrom validTo }`;
const REGISTER = `mutation Register($input: RegisterCreditorInput!) { registerCreditor(input: $input) { ${CREDITOR_FIELDS} } }`;
const CREDITORS = `query Creditors($first: Int, $after: String) {
  creditors(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CREDITOR_FIELDS} } }
  }
}`;
const SET_AGREEMENT = `mutation SetAgreement($input: SetAgreementInput!) {
  setAgreement(input: $input) { id creditorId municipality sector validFrom validTo }
}`;
const ADD_KEY = `mutation AddKey($creditorId: String!, $keyId: String!, $pem: String!) {
  addCreditorKey(creditorId: $creditorId, keyId: $keyId, publicKeyPem: $pem) { ${CREDITOR_FIELDS} }
}`;
const REVOKE_KEY = `mutation Revoke($creditorId: String!, $keyId: String!, $at: DateTime) {
  revokeCreditorKey(creditorId: $creditorId, keyId: $keyId, revokedAt: $at) { ${CREDITOR_FIELDS} }
}`;
const SET_POLICY = `mutation Policy($input: SetMunicipalityPolicyInput!) {
  setMunicipalityPolicy(input: $input) { municipality minimumAmountCents matchingPeriodDays updatedAt }
}`;

interface Creditor {
  id: string;
  name: string;
  kvkNumber: string;
  sectors: string[];
  keys: Array<{ keyId: string; createdAt: string; revokedAt: string | null }>;
  agreements: Array<{ id: string; municipality: string; sector: string; validFrom: string; validTo: string | null }>;
}

describe('creditor registry: the operator registers creditors, keys, agreements and policies', () => {
  const world = new HubWorld('creditors');
  const first = generateSigningKeyPair();
  const second = generateSigningKeyPair();
  const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const linde = {
    id: 'woningcorporatie-test-linde',
    name: 'Woningcorporatie Test Linde',
    kvkNumber: '12345678',
    sectors: ['HUUR'],
    keys: [
      { keyId: 'linde-2025', publicKeyPem: first.publicKeyPem },
      { keyId: 'linde-2026', publicKeyPem: second.publicKeyPem },
    ],
  };
  let hub: INestApplication;
  let registry: CreditorRegistryService;
  let cache: RegistryCache;
  let operator: string;
  let worker: string;

  beforeAll(async () => {
    await world.databaseUrl;
    hub = await world.startHub({ INGEST_ENABLED: 'false' });
    registry = hub.get(CreditorRegistryService);
    cache = hub.get(RegistryCache);
    operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    worker = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-1' });
  });

  afterAll(() => world.close());

  it('registers a creditor with two active keys, and refuses the same id twice', async () => {
    const res = await gql<{ registerCreditor: Creditor }>(hub, REGISTER, { input: linde }, operator);
    expect(res.errors).toBeUndefined();
    const creditor = res.data!.registerCreditor;
    expect(creditor).toMatchObject({ id: linde.id, name: linde.name, kvkNumber: '12345678', sectors: ['HUUR'] });
    expect(creditor.keys.map((k) => [k.keyId, k.revokedAt])).toEqual([
      ['linde-2025', null],
      ['linde-2026', null],
    ]);
    expect(creditor.agreements).toEqual([]);

    const again = await gql(hub, REGISTER, { input: { ...linde, name: 'Someone else', keys: [] } }, operator);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await world.count(`SELECT count(*) FROM creditor`)).toBe(1);

    const snapshot = cache.snapshot();
    expect(snapshot.creditor(linde.id)).toEqual({ id: linde.id, sectors: ['HUUR'] });
    expect(snapshot.key(linde.id, 'linde-2026', new Date())?.revokedAt).toBeNull();
    expect(snapshot.key(linde.id, 'no-such-key', new Date())).toBeUndefined();
    expect(snapshot.creditor('no-such-creditor')).toBeUndefined();
  });

  it('refuses a non-Ed25519 key, a private key, a bad KvK number and empty sectors with BAD_USER_INPUT', async () => {
    const base = { ...linde, id: 'energie-test-bad', keys: [] };
    const bad = [
      { ...base, keys: [{ keyId: 'ec-1', publicKeyPem: ecPem }] },
      {
        ...base,
        keys: [{ keyId: 'priv-1', publicKeyPem: first.privateKey.export({ type: 'pkcs8', format: 'pem' }) }],
      },
      { ...base, kvkNumber: '1234567' },
      { ...base, kvkNumber: '1234567a' },
      { ...base, sectors: [] },
      { ...base, id: 'Not An Id' },
      { ...base, sectors: ['NOT_A_SECTOR'] },
    ];
    for (const input of bad) {
      const res = await gql(hub, REGISTER, { input }, operator);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
    const ec = await gql(hub, REGISTER, { input: bad[0] }, operator);
    expect(ec.errors![0].message).toMatch(/Ed25519/);
    const priv = await gql(hub, REGISTER, { input: bad[1] }, operator);
    expect(priv.errors![0].message).toMatch(/private key/);
    expect(JSON.stringify(priv)).not.toMatch(/BEGIN PRIVATE KEY/);
    expect(await world.count(`SELECT count(*) FROM creditor WHERE id = 'energie-test-bad'`)).toBe(0);
  });

  it('lists creditors page by page with their keys and agreements', async () => {
    const water = {
      id: 'water-test-west',
      name: 'Water Test West',
      kvkNumber: '87654321',
      sectors: ['WATER'],
      keys: [{ keyId: 'west-1', publicKeyPem: generateSigningKeyPair().publicKeyPem }],
    };
    expect((await gql(hub, REGISTER, { input: water }, operator)).errors).toBeUndefined();
    type Page = { creditors: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof gql<Page & { creditors: { edges: Array<{ node: Creditor }> } }>>> =
        await gql(hub, CREDITORS, { first: 1, after }, operator);
      expect(res.errors).toBeUndefined();
      expect(res.data!.creditors.totalCount).toBe(2);
      seen.push(...res.data!.creditors.edges.map((e) => e.node.id));
      after = res.data!.creditors.pageInfo.hasNextPage ? res.data!.creditors.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([water.id, linde.id]); // by id
    // Each listing leaves a row per listed creditor, with the operator and role.
    const { rows: last } = await world.db.query(`SELECT coalesce(max(id), 0) AS id FROM audit_event`);
    await gql(hub, CREDITORS, { first: 1 }, operator);
    const { rows: listing } = await world.db.query(
      `SELECT action, actor, actor_role, subject_type, subject_id FROM audit_event WHERE id > $1`,
      [last[0].id],
    );
    expect(listing).toEqual([
      {
        action: 'CREDITORS_LISTED',
        actor: 'operator-1',
        actor_role: 'operator',
        subject_type: 'creditor',
        subject_id: water.id,
      },
    ]);
    const all = await gql<{ creditors: { edges: Array<{ node: Creditor }> } }>(hub, CREDITORS, {}, operator);
    expect(all.data!.creditors.edges.map((e) => e.node.keys.length)).toEqual([1, 2]);
    expect(errorCodes(await gql(hub, CREDITORS, { after: 'not-a-cursor' }, operator))).toEqual(['BAD_USER_INPUT']);
  });

  it('records an agreement under today’s code of a merged municipality, and refuses overlaps', async () => {
    const set = (input: Record<string, unknown>) =>
      gql<{ setAgreement: Creditor['agreements'][number] }>(hub, SET_AGREEMENT, { input }, operator);
    const agreement = { creditorId: linde.id, municipality: '0001', sector: 'HUUR', validFrom: '2024-01-01' };

    const created = await set({ ...agreement, validTo: '2024-12-31' });
    expect(created.errors).toBeUndefined();
    // 0001 Adorp → 0053 Winsum → GM1966 Het Hogeland
    expect(created.data!.setAgreement).toMatchObject({
      creditorId: linde.id,
      municipality: 'GM1966',
      sector: 'HUUR',
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    });

    const overlap = await set({ ...agreement, municipality: 'GM1966', validFrom: '2024-06-01', validTo: null });
    expect(errorCodes(overlap)).toEqual(['CONFLICT']);
    expect(overlap.errors![0].message).toMatch(/2024-01-01 to 2024-12-31/);
    // Touching is not overlapping: the next one may start the day after.
    const next = await set({ ...agreement, validFrom: '2025-01-01', validTo: null });
    expect(next.errors).toBeUndefined();
    // The same start again changes the end.
    const shortened = await set({ ...agreement, validTo: '2024-06-30' });
    expect(shortened.data!.setAgreement.id).toBe(created.data!.setAgreement.id);
    expect(shortened.data!.setAgreement.validTo).toBe('2024-06-30');
    const extended = await set({ ...agreement, validTo: '2025-03-01' });
    expect(errorCodes(extended)).toEqual(['CONFLICT']);

    const refused = [
      { ...agreement, sector: 'WATER' }, // not a sector the creditor is registered for
      { ...agreement, sector: 'NOT_A_SECTOR' },
      { ...agreement, municipality: 'GM9999' },
      { ...agreement, municipality: 'Amsterdam' },
      { ...agreement, validFrom: '2024-02-30' },
      { ...agreement, validFrom: '2026-01-01', validTo: '2025-01-01' },
    ];
    for (const input of refused) expect(errorCodes(await set(input))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await set({ ...agreement, creditorId: 'no-such-creditor' }))).toEqual(['NOT_FOUND']);
    expect(await world.count(`SELECT count(*) FROM agreement`)).toBe(2);

    const snapshot = cache.snapshot();
    expect(snapshot.agreement(linde.id, 'GM1966', 'HUUR', '2024-03-15')).toEqual({
      validFrom: '2024-01-01',
      validTo: '2024-06-30',
    });
    expect(snapshot.agreement(linde.id, 'GM1966', 'HUUR', '2024-06-30')).not.toBeNull();
    expect(snapshot.agreement(linde.id, 'GM1966', 'HUUR', '2024-07-01')).toBeNull();
    expect(snapshot.agreement(linde.id, 'GM1966', 'HUUR', '2023-12-31')).toBeNull();
    expect(snapshot.agreement(linde.id, 'GM1966', 'HUUR', '2031-05-01')).toEqual({
      validFrom: '2025-01-01',
      validTo: null,
    });
    expect(snapshot.agreement(linde.id, 'GM0363', 'HUUR', '2024-03-15')).toBeNull();
    expect(snapshot.agreement(linde.id, 'GM1966', 'WATER', '2024-03-15')).toBeNull();

    const listed = await gql<{ creditors: { edges: Array<{ node: Creditor }> } }>(hub, CREDITORS, {}, operator);
    const listedLinde = listed.data!.creditors.edges.find((e) => e.node.id === linde.id)!.node;
    expect(listedLinde.agreements.map((a) => [a.municipality, a.validFrom])).toEqual([
      ['GM1966', '2024-01-01'],
      ['GM1966', '2025-01-01'],
    ]);
  });

  it('adds and revokes keys; a revocation can move earlier, never later', async () => {
    const third = generateSigningKeyPair();
    const added = await gql<{ addCreditorKey: Creditor }>(
      hub,
      ADD_KEY,
      { creditorId: linde.id, keyId: 'linde-2027', pem: third.publicKeyPem },
      operator,
    );
    expect(added.data!.addCreditorKey.keys).toHaveLength(3);
    const reused = await gql(hub, ADD_KEY, { creditorId: linde.id, keyId: 'linde-2027', pem: ecPem }, operator);
    expect(errorCodes(reused)).toEqual(['BAD_USER_INPUT']);
    const duplicate = await gql(
      hub,
      ADD_KEY,
      { creditorId: linde.id, keyId: 'linde-2027', pem: third.publicKeyPem },
      operator,
    );
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);

    const revokedAt = '2026-02-01T12:00:00.000Z';
    const revoked = await gql<{ revokeCreditorKey: Creditor }>(
      hub,
      REVOKE_KEY,
      { creditorId: linde.id, keyId: 'linde-2025', at: revokedAt },
      operator,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeCreditorKey.keys.find((k) => k.keyId === 'linde-2025')?.revokedAt).toBe(revokedAt);

    const key = cache.snapshot().key(linde.id, 'linde-2025', new Date());
    expect(key?.revokedAt?.toISOString()).toBe(revokedAt);
    expect(cache.snapshot().key(linde.id, 'linde-2026', new Date())?.revokedAt).toBeNull();

    const later = await gql(
      hub,
      REVOKE_KEY,
      { creditorId: linde.id, keyId: 'linde-2025', at: '2026-03-01T00:00:00Z' },
      operator,
    );
    expect(errorCodes(later)).toEqual(['CONFLICT']);
    const earlier = await gql<{ revokeCreditorKey: Creditor }>(
      hub,
      REVOKE_KEY,
      { creditorId: linde.id, keyId: 'linde-2025', at: '2026-01-15T00:00:00Z' },
      operator,
    );
    expect(earlier.data!.revokeCreditorKey.keys[0].revokedAt).toBe('2026-01-15T00:00:00.000Z');
    const now = await gql<{ revokeCreditorKey: Creditor }>(
      hub,
      REVOKE_KEY,
      { creditorId: linde.id, keyId: 'linde-2027' },
      operator,
    );
    expect(Date.parse(now.data!.revokeCreditorKey.keys[2].revokedAt!)).toBeLessThanOrEqual(Date.now());
    const unknown = await gql(hub, REVOKE_KEY, { creditorId: linde.id, keyId: 'linde-1999' }, operator);
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('verifies a record signed by a registered key against the snapshot', () => {
    const [synthetic] = generateSignals(loadReferenceData(), { count: 1, municipalities: ['GM0363'], seed: 9 });
    const record = toKafkaRecord(
      { ...synthetic, creditorId: linde.id },
      { keyId: 'linde-2026', privateKey: second.privateKey },
    );
    const envelope = decodeEnvelope(record.value);
    expect(envelope.keyId).toBe('linde-2026');
    const key = cache.snapshot().key(envelope.creditorId, envelope.keyId, new Date())!;
    expect(verifyEnvelope(key.publicKey, envelope)).toBe(true);
    const otherKey = cache.snapshot().key(linde.id, 'linde-2025', new Date())!;
    expect(verifyEnvelope(otherKey.publicKey, envelope)).toBe(false);
    // Unsigned records stay as before, for callers that do not sign yet.
    expect(decodeEnvelope(toKafkaRecord(synthetic).value).signature).toHaveLength(0);
  });

  it('sets a municipality policy; unset municipalities get the defaults', async () => {
    expect(cache.snapshot().policy('GM0363')).toEqual({
      minimumAmountCents: 0n,
      matchingPeriodDays: 183,
      experiments: {},
    });
    const res = await gql<{ setMunicipalityPolicy: Record<string, unknown> }>(
      hub,
      SET_POLICY,
      { input: { municipality: 'GM0363', minimumAmountCents: 7500, matchingPeriodDays: 120 } },
      operator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.setMunicipalityPolicy).toMatchObject({
      municipality: 'GM0363',
      minimumAmountCents: 7500,
      matchingPeriodDays: 120,
    });
    expect(cache.snapshot().policy('GM0363')).toEqual({
      minimumAmountCents: 7500n,
      matchingPeriodDays: 120,
      experiments: {},
    });
    const negative = { municipality: 'GM0363', minimumAmountCents: -1, matchingPeriodDays: 120 };
    expect(errorCodes(await gql(hub, SET_POLICY, { input: negative }, operator))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses everyone but the operator', async () => {
    const register = { input: { ...linde, id: 'forbidden-creditor', keys: [] } };
    expect(errorCodes(await gql(hub, CREDITORS, {}, worker))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, REGISTER, register, worker))).toEqual(['FORBIDDEN']);
    const agreement = { creditorId: linde.id, municipality: 'GM0363', sector: 'HUUR', validFrom: '2020-01-01' };
    expect(errorCodes(await gql(hub, SET_AGREEMENT, { input: agreement }, worker))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, REVOKE_KEY, { creditorId: linde.id, keyId: 'linde-2026' }, worker))).toEqual([
      'FORBIDDEN',
    ]);
    const creditor = await world.token({ roles: ['creditor'], creditor: linde.id });
    expect(errorCodes(await gql(hub, REGISTER, register, creditor))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, CREDITORS, {}))).toEqual(['UNAUTHENTICATED']);
    expect(await world.count(`SELECT count(*) FROM creditor WHERE id = 'forbidden-creditor'`)).toBe(0);
    expect(cache.snapshot().key(linde.id, 'linde-2026', new Date())?.revokedAt).toBeNull();
  });

  it('writes the audit row of a change in its transaction: a change that fails leaves none', async () => {
    const before = await world.count(`SELECT count(*) FROM audit_event`);
    const undoPolicy = await failCommitsWriting(world.db, 'municipality_policy', `NEW.municipality = 'GM0599'`);
    const undoCreditor = await failCommitsWriting(world.db, 'creditor', `NEW.id = 'water-test-oost'`);
    try {
      const policy = { municipality: 'GM0599', minimumAmountCents: 10000, matchingPeriodDays: 90 };
      expect(errorCodes(await gql(hub, SET_POLICY, { input: policy }, operator))).toEqual(['INTERNAL_SERVER_ERROR']);
      const oost = { ...linde, id: 'water-test-oost', sectors: ['WATER'], keys: [] };
      expect(errorCodes(await gql(hub, REGISTER, { input: oost }, operator))).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await undoPolicy();
      await undoCreditor();
    }
    expect(await world.count(`SELECT count(*) FROM audit_event`)).toBe(before);
    expect(await world.count(`SELECT count(*) FROM municipality_policy WHERE municipality = 'GM0599'`)).toBe(0);
    expect(await world.count(`SELECT count(*) FROM creditor WHERE id = 'water-test-oost'`)).toBe(0);
  });

  it('audits every change, exactly once, with the operator and role; refused attempts leave no row', async () => {
    const { rows } = await world.db.query(
      `SELECT action, actor_role, subject_type, subject_id, count(*)::int AS n FROM audit_event
       WHERE actor = 'operator-1' AND action <> 'CREDITORS_LISTED'
       GROUP BY action, actor_role, subject_type, subject_id ORDER BY action, subject_id`,
    );
    const agreements = (await world.db.query(`SELECT id::text FROM agreement ORDER BY valid_from`)).rows.map(
      (r) => r.id,
    );
    expect(agreements).toHaveLength(2);
    const [created, next] = agreements;
    const row = (action: string, subject_type: string, subject_id: string, n: number) => ({
      action,
      actor_role: 'operator',
      subject_type,
      subject_id,
      n,
    });
    // Successful changes only: the refused registrations (duplicate id, bad keys, bad KvK), key
    // additions (reused id, duplicate), revocations (later, unknown), agreements (overlap, bad input,
    // unknown creditor) and the negative policy are not here, nor are the changes that failed to commit.
    expect(rows).toEqual(
      [
        row('AGREEMENT_SET', 'agreement', created, 2), // created, then shortened
        row('AGREEMENT_SET', 'agreement', next, 1),
        row('CREDITOR_KEY_ADDED', 'creditor', linde.id, 1),
        row('CREDITOR_KEY_REVOKED', 'creditor', linde.id, 3),
        row('CREDITOR_REGISTERED', 'creditor', linde.id, 1),
        row('CREDITOR_REGISTERED', 'creditor', 'water-test-west', 1),
        row('MUNICIPALITY_POLICY_SET', 'municipality', 'GM0363', 1),
      ].sort((a, b) => a.action.localeCompare(b.action) || a.subject_id.localeCompare(b.subject_id)),
    );
    const { rows: revocations } = await world.db.query(
      `SELECT detail FROM audit_event WHERE action = 'CREDITOR_KEY_REVOKED' ORDER BY id LIMIT 1`,
    );
    expect(revocations[0].detail).toEqual({ keyId: 'linde-2025', revokedAt: '2026-02-01T12:00:00.000Z' });
    // The worker and the creditor who were refused left nothing either, not even a listing.
    expect(await world.count(`SELECT count(*) FROM audit_event WHERE actor <> 'operator-1'`)).toBe(0);
  });

  it('picks up changes made by another hub instance on refresh', async () => {
    await world.db.query(
      `INSERT INTO creditor (id, name, kvk_number, sectors) VALUES ('elsewhere-creditor', 'Elsewhere', '11112222', '{ZORG}')`,
    );
    expect(cache.snapshot().creditor('elsewhere-creditor')).toBeUndefined();
    await cache.refresh();
    expect(cache.snapshot().creditor('elsewhere-creditor')?.sectors).toEqual(['ZORG']);
  });

  it('adds nothing of a seed whose audit rows cannot be written: seed and audit commit together', async () => {
    // An actor without a subject: the audit row's NOT NULL actor refuses it, inside the seed's transaction.
    const nobody = {
      subject: null as unknown as string,
      roles: ['operator' as const],
      municipality: null,
      creditor: null,
    };
    const seed = {
      id: 'unaudited-creditor',
      name: 'Unaudited',
      kvkNumber: '33334444',
      sectors: ['ZORG' as const],
      keys: [{ keyId: 'unaudited-1', publicKeyPem: second.publicKeyPem }],
      agreements: [{ municipality: 'GM0363', sector: 'ZORG' as const, validFrom: '2025-01-01', validTo: null }],
    };
    await expect(registry.ensureRegistered(nobody, [seed])).rejects.toThrow();
    expect(await world.count(`SELECT count(*) FROM creditor WHERE id = 'unaudited-creditor'`)).toBe(0);
    expect(await world.count(`SELECT count(*) FROM creditor_key WHERE creditor_id = 'unaudited-creditor'`)).toBe(0);
    expect(await world.count(`SELECT count(*) FROM agreement WHERE creditor_id = 'unaudited-creditor'`)).toBe(0);
  });

  it('seeds the synthetic creditors with keys and agreements everywhere, idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signaalhub-creditor-keys-'));
    const keys = await seedDevelopmentCreditors(registry, dir);
    const municipalities = loadReferenceData().municipalities.size;
    const agreements = SYNTHETIC_CREDITORS.reduce((n, c) => n + c.sectors.length * municipalities, 0);
    expect(await world.count(`SELECT count(*) FROM agreement WHERE valid_from = '2021-01-01'`)).toBe(agreements);
    const again = await seedDevelopmentCreditors(registry, dir);
    expect(await world.count(`SELECT count(*) FROM agreement WHERE valid_from = '2021-01-01'`)).toBe(agreements);
    expect(await world.count(`SELECT count(*) FROM creditor_key WHERE key_id LIKE '%-dev-1'`)).toBe(
      SYNTHETIC_CREDITORS.length,
    );
    // Same key files, same keys: the simulator and the registry agree across restarts.
    for (const [id, key] of keys) expect(again.get(id)?.publicKeyPem).toBe(key.publicKeyPem);

    const snapshot = cache.snapshot();
    const signals = generateSignals(loadReferenceData(), { count: 50, municipalities: ['GM0363', 'GM1966'], seed: 3 });
    for (const signal of signals) {
      const envelope = decodeEnvelope(toKafkaRecord(signal, keys.get(signal.creditorId)).value);
      const key = snapshot.key(envelope.creditorId, envelope.keyId, new Date());
      expect(key && verifyEnvelope(key.publicKey, envelope)).toBe(true);
      const sectors = snapshot.creditor(signal.creditorId)!.sectors;
      for (const gm of ['GM0363', 'GM1966']) {
        expect(snapshot.agreement(signal.creditorId, gm, sectors[0], '2026-01-01')).toEqual({
          validFrom: '2021-01-01',
          validTo: null,
        });
      }
    }
    expect(
      await world.count(`SELECT count(*) FROM audit_event WHERE actor = 'dev-seed' AND action = 'CREDITOR_REGISTERED'`),
    ).toBe(SYNTHETIC_CREDITORS.length);
  });
});
