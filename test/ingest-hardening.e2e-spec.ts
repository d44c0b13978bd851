import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  decodeEnvelope,
  decodeSignal,
  encodeEnvelope,
  encodeSignal,
  generateSigningKeyPair,
  signBatch,
  signEnvelope,
  type SignalInit,
  type SignedContent,
} from '@signaalhub/contracts';
import type { ConsumedMessage, Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type KafkaRecord, type SyntheticSignal } from '../apps/connectors/src/index.js';
import request from 'supertest';
import type { KeyObject } from 'node:crypto';
import {
  CreditorKeyInput,
  CreditorRegistryService,
  HubMetrics,
  type Principal,
  SignalStore,
  UnroutedRetentionService,
} from '../apps/hub/src/index.js';
import { HubWorld } from './support/hub-harness.js';

// Defects found by attacking the hub from outside, each pinned by a test that failed before its fix.
const LINDE = 'woningcorporatie-de-linde';
const HAVENSTAD = 'woningcorporatie-havenstad';
const INT64_MAX = 9_223_372_036_854_775_807n;
/** The Kafka key ref of messages that must share one partition (and so one batch). */
const ONE_PARTITION = 'one-partition';
const operator: Principal = { subject: 'op-1', roles: ['operator'], municipality: null, creditor: null };

describe('ingest hardening (real Kafka, real PostgreSQL)', () => {
  const world = new HubWorld('hardening', { seedCreditors: true });
  const reference = loadReferenceData();
  const dead: ConsumedMessage[] = [];
  let hub: INestApplication;
  let producer: Producer;
  let base: SyntheticSignal;

  /** A signal of Linde's in Amsterdam, changed as given, signed by `creditorId` (Linde unless said). */
  function signed(
    change: Partial<SignalInit>,
    creditorId = LINDE,
    timestamp?: string,
  ): KafkaRecord & { timestamp?: string } {
    const payload = encodeSignal({ ...(base.signal as SignalInit), ...change } as SignalInit);
    return envelope(creditorId, payload, String(change.creditorSignalRef), timestamp);
  }
  function envelope(creditorId: string, payload: Uint8Array, ref: string, timestamp?: string) {
    const { keyId, privateKey } = world.signer(creditorId);
    return withKey(creditorId, keyId, privateKey, payload, ref, timestamp);
  }
  function withKey(
    creditorId: string,
    keyId: string,
    privateKey: KeyObject,
    payload: Uint8Array,
    ref: string,
    timestamp?: string,
  ) {
    const value = Buffer.from(
      encodeEnvelope({
        creditorId,
        keyId,
        payload,
        signature: signEnvelope(privateKey, { creditorId, keyId, payload }),
      }),
    );
    return { key: `${creditorId}:${ref}`, value, ...(timestamp ? { timestamp } : {}) };
  }
  // Dead letters by the reference inside their (sealed) signal: several tests key messages alike to
  // keep them on one partition.
  const refOf = (m: ConsumedMessage): string | undefined => {
    try {
      return decodeSignal(decodeEnvelope(world.openDeadLetter(m)).payload).creditorSignalRef;
    } catch {
      return undefined;
    }
  };
  const deadOf = (ref: string) =>
    dead.filter((m) => {
      const keyRef = m.key?.toString().split(':')[1];
      return keyRef === ref || (keyRef === ONE_PARTITION && refOf(m) === ref);
    });
  const reasonOf = (ref: string) => deadOf(ref)[0]?.headers['x-reject-reason']?.toString();
  const storedRefs = async (refs: string[]) =>
    (
      await world.db.query(
        `SELECT creditor_id, creditor_signal_ref FROM signal WHERE creditor_signal_ref = ANY($1) ORDER BY 1, 2`,
        [refs],
      )
    ).rows.map((r) => `${r.creditor_id}:${r.creditor_signal_ref}`);
  const ready = async (app: INestApplication) => request(app.getHttpServer()).get('/health/ready');
  const waitForDead = (refs: string[]) =>
    world.eventually(
      async () => refs.filter((ref) => reasonOf(ref)).length,
      (n) => n === refs.length,
    );

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub({ INGEST_MAX_CONSECUTIVE_FAILURES: '2' });
    producer = await world.bus.createProducer();
    [base] = generateSignals(reference, { count: 40, municipalities: ['GM0363'], seed: 61 }).filter(
      (s) => s.creditorId === LINDE,
    );
    const reader = world.bus.createConsumer({ groupId: `${world.id}-dlq`, topics: [world.topics.deadLetter] });
    await reader.start(async (batch) => {
      dead.push(...batch.messages);
    });
  });

  afterAll(() => world.close());

  it('refuses amounts at the int64 limit between valid signals: the valid ones land, the hub stays ready', async () => {
    // The exact pair that stopped the hub: two signals of one household at 2^63-1 cents each.
    await producer.send(
      world.topics.signals,
      [
        signed({ creditorSignalRef: 'BIG-OK-1' }),
        signed({ creditorSignalRef: 'BIG-POISON-1', amountCents: INT64_MAX }),
        signed({ creditorSignalRef: 'BIG-POISON-2', amountCents: INT64_MAX }),
        signed({ creditorSignalRef: 'BIG-OK-2', amountCents: 1_000_000_000n }),
      ].map((m) => ({ ...m, key: `${LINDE}:${ONE_PARTITION}` })),
    );
    await waitForDead(['BIG-POISON-1', 'BIG-POISON-2']);
    expect(reasonOf('BIG-POISON-1')).toBe('AMOUNT_OUT_OF_RANGE');
    expect(reasonOf('BIG-POISON-2')).toBe('AMOUNT_OUT_OF_RANGE');
    await world.eventually(
      () => storedRefs(['BIG-OK-1', 'BIG-OK-2']),
      (refs) => refs.length === 2,
    );
    expect(await storedRefs(['BIG-OK-1', 'BIG-OK-2', 'BIG-POISON-1', 'BIG-POISON-2'])).toEqual([
      `${LINDE}:BIG-OK-1`,
      `${LINDE}:BIG-OK-2`,
    ]);
    // The case total is the sum of what its signals say now, recomputed here from the signals.
    const { rows } = await world.db.query(
      `SELECT c.total_amount_cents::text AS total,
              (SELECT sum(s.amount_cents) FROM signal s WHERE s.case_id = c.id)::text AS recomputed
       FROM signal_case c JOIN signal s ON s.case_id = c.id WHERE s.creditor_signal_ref = 'BIG-OK-2'`,
    );
    expect(rows[0].total).toBe(rows[0].recomputed);
    const res = await ready(hub);
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ database: 'up', kafka: 'up', ingest: 'up' });
  });

  it('refuses over-long fields with FIELD_TOO_LONG and keeps none of their values', async () => {
    const surname = `Lang${'a'.repeat(200_000)}`;
    await producer.send(world.topics.signals, [
      signed({ creditorSignalRef: 'LONG-SURNAME', surname }),
      signed({ creditorSignalRef: 'LONG-STREET', street: 'Straatnaamzonderende'.repeat(5) }),
    ]);
    await waitForDead(['LONG-SURNAME', 'LONG-STREET']);
    expect(reasonOf('LONG-SURNAME')).toBe('FIELD_TOO_LONG');
    expect(deadOf('LONG-SURNAME')[0].headers['x-reject-detail']?.toString()).toBe(
      'surname: longer than 200 characters',
    );
    expect(reasonOf('LONG-STREET')).toBe('FIELD_TOO_LONG');
    expect(await world.tablesContaining('Straatnaamzonderende')).toEqual([]);
    expect(await world.tablesContaining('Langaaaaaaaaaa')).toEqual([]);
  });

  it('seals refused messages on the dead-letter topic: no readable personal data, the original back with the key', async () => {
    const person = { surname: 'Verzegeld-Achternaam', email: 'verzegeld@example.org', bsn: '111222333' };
    const refused = signed({ creditorSignalRef: 'SEALED', objectionReceived: true, ...person });
    await producer.send(world.topics.signals, [refused]);
    await waitForDead(['SEALED']);
    const [letter] = deadOf('SEALED');
    expect(letter.headers['x-reject-reason']?.toString()).toBe('OBJECTION_RECEIVED');
    for (const value of Object.values(person)) {
      expect(letter.value?.includes(Buffer.from(value))).toBe(false);
      for (const header of Object.values(letter.headers)) expect(header?.includes(Buffer.from(value))).toBe(false);
    }
    expect(world.openDeadLetter(letter).equals(refused.value)).toBe(true);
  });

  it('judges the same payload per creditor: a copy under another creditor neither replaces nor blocks the original', async () => {
    const payload = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'SHARED-PAYLOAD' } as SignalInit);
    // Havenstad re-signs Linde's exact payload with its own key and sends it first ...
    await producer.send(world.topics.signals, [envelope(HAVENSTAD, payload, 'SHARED-PAYLOAD')]);
    await world.eventually(
      () => storedRefs(['SHARED-PAYLOAD']),
      (refs) => refs.length === 1,
    );
    // ... and forwards Linde's own envelope (Linde's signature) under its own creditor id.
    const lindes = envelope(LINDE, payload, 'SHARED-PAYLOAD');
    const forwarded = decodeEnvelope(lindes.value);
    await producer.send(world.topics.signals, [
      {
        key: `${HAVENSTAD}:FORWARDED`,
        value: Buffer.from(
          encodeEnvelope({ ...forwarded, creditorId: HAVENSTAD, keyId: world.signer(HAVENSTAD).keyId }),
        ),
      },
      lindes,
    ]);
    await waitForDead(['FORWARDED']);
    expect(reasonOf('FORWARDED')).toBe('BAD_SIGNATURE');
    const refs = await world.eventually(
      () => storedRefs(['SHARED-PAYLOAD']),
      (r) => r.length === 2,
    );
    expect(refs).toEqual([`${LINDE}:SHARED-PAYLOAD`, `${HAVENSTAD}:SHARED-PAYLOAD`].sort());
    // Each creditor hears about its own signal.
    const told = await world.eventually(
      async () =>
        (
          await world.db.query(
            `SELECT creditor_id FROM feedback_outbox WHERE creditor_signal_ref = 'SHARED-PAYLOAD' ORDER BY 1`,
          )
        ).rows.map((r) => r.creditor_id),
      (ids) => ids.length === 2,
    );
    expect(told).toEqual([LINDE, HAVENSTAD].sort());
  });

  it('refuses every batch-mode forgery exactly as a forged per-message signature, and stores the genuine batches', async () => {
    const linde = world.signer(LINDE);
    const ids = { creditorId: LINDE, keyId: linde.keyId };
    const content = (ref: string, amount: number): SignedContent => ({
      ...ids,
      payload: encodeSignal({
        ...(base.signal as SignalInit),
        creditorSignalRef: ref,
        amountCents: BigInt(amount),
      } as SignalInit),
    });
    const sealed = (ref: string, c: SignedContent, signature: ReturnType<typeof signBatch>[number]) => ({
      key: `${LINDE}:${ref}`,
      value: Buffer.from(encodeEnvelope({ ...c, ...signature })),
    });
    const batchA = ['BATCH-A1', 'BATCH-A2', 'BATCH-A3', 'BATCH-A4'].map((ref, i) => content(ref, 40_000 + i));
    const batchB = ['BATCH-B1', 'BATCH-B2'].map((ref, i) => content(ref, 50_000 + i));
    const signedA = signBatch(linde.privateKey, batchA);
    const signedB = signBatch(linde.privateKey, batchB);
    const forgedPayload = content('BATCH-FORGED', 60_000);
    // Havenstad signs a root over contents that claim Linde's creditor id and key id.
    const byHavenstad = signBatch(world.signer(HAVENSTAD).privateKey, [content('BATCH-OTHER-KEY', 60_001)]);
    const truncated = {
      ...signedA[3]!,
      batch: { ...signedA[3]!.batch!, siblings: signedA[3]!.batch!.siblings.slice(1) },
    };
    const perMessage = content('MESSAGE-FORGED', 60_002);
    const forgeries = [
      sealed('BATCH-FORGED', forgedPayload, signedA[0]!),
      sealed('BATCH-SWAPPED', batchA[2]!, signedA[1]!),
      sealed('BATCH-OTHER-PROOF', batchA[0]!, signedB[0]!),
      sealed('BATCH-OTHER-KEY', content('BATCH-OTHER-KEY', 60_001), byHavenstad[0]!),
      sealed('BATCH-TRUNCATED', batchA[3]!, truncated),
      // Today's forgery, for comparison: a per-message signature over other bytes.
      sealed('MESSAGE-FORGED', perMessage, { signature: signEnvelope(linde.privateKey, batchA[0]!) }),
    ];
    const securityEvents = async () =>
      Number(
        (await world.db.query(`SELECT count(*) AS n FROM audit_event WHERE action = 'SECURITY_BAD_SIGNATURE'`)).rows[0]
          .n,
      );
    const before = await securityEvents();
    await producer.send(world.topics.signals, [
      ...forgeries,
      ...batchA.map((c, i) => sealed(`BATCH-A${i + 1}`, c, signedA[i]!)),
      ...batchB.map((c, i) => sealed(`BATCH-B${i + 1}`, c, signedB[i]!)),
    ]);
    const forgedRefs = forgeries.map((f) => f.key.split(':')[1]!);
    await waitForDead(forgedRefs);
    for (const ref of forgedRefs) expect(`${ref}: ${reasonOf(ref)}`).toBe(`${ref}: BAD_SIGNATURE`);
    const genuine = ['BATCH-A1', 'BATCH-A2', 'BATCH-A3', 'BATCH-A4', 'BATCH-B1', 'BATCH-B2'];
    const stored = await world.eventually(
      () => storedRefs(genuine),
      (refs) => refs.length === genuine.length,
    );
    expect(stored).toEqual(genuine.map((ref) => `${LINDE}:${ref}`).sort());
    for (const ref of genuine) expect(deadOf(ref)).toEqual([]);
    // The same security event for each forgery, and the same (no) feedback as for a per-message one.
    expect(await securityEvents()).toBe(before + forgeries.length);
    const { rows: told } = await world.db.query(
      `SELECT creditor_signal_ref FROM feedback_outbox WHERE creditor_signal_ref = ANY($1)`,
      [forgedRefs],
    );
    expect(told).toEqual([]);
  });

  it('records the security event of a refused message once, also when its batch is stored again', async () => {
    const store = hub.get(SignalStore);
    const first = { claimedCreditorId: LINDE, reason: 'BAD_SIGNATURE', position: 'redelivered.signals/0/41' };
    const second = { ...first, position: 'redelivered.signals/0/42' };
    const events = async (position: string) =>
      Number(
        (await world.db.query(`SELECT count(*) AS n FROM audit_event WHERE subject_id = $1`, [position])).rows[0].n,
      );
    await store.storeBatch([], { feedback: [], securityEvents: [first], refusals: [] });
    await store.storeBatch([], { feedback: [], securityEvents: [first, second], refusals: [] });
    expect(await events(first.position)).toBe(1);
    expect(await events(second.position)).toBe(1);
  });

  it('holds no unrouted signal that the rules refuse anyway, and holds a sound one', async () => {
    await producer.send(world.topics.signals, [
      signed({ creditorSignalRef: 'UNROUTED-OBJECTION', postcode: '9999 ZZ', objectionReceived: true }),
      signed({ creditorSignalRef: 'UNROUTED-NO-REMINDER', postcode: '9999 ZZ', reminderSentOn: '' }),
      signed({ creditorSignalRef: 'UNROUTED-SOUND', postcode: '9999 ZZ' }),
    ]);
    await waitForDead(['UNROUTED-OBJECTION', 'UNROUTED-NO-REMINDER']);
    expect(reasonOf('UNROUTED-OBJECTION')).toBe('OBJECTION_RECEIVED');
    expect(reasonOf('UNROUTED-NO-REMINDER')).toBe('ATTESTATION_MISSING');
    const held = await world.eventually(
      async () =>
        (
          await world.db.query(
            `SELECT creditor_signal_ref, routing FROM signal WHERE creditor_signal_ref LIKE 'UNROUTED-%'`,
          )
        ).rows,
      (rows) => rows.length >= 1,
    );
    expect(held).toEqual([{ creditor_signal_ref: 'UNROUTED-SOUND', routing: 'UNROUTED' }]);
  });

  it('deletes unrouted signals past their retention, tells the creditor NOT_ROUTABLE and audits the deletion', async () => {
    const { rows } = await world.db.query(
      `SELECT id, surname FROM signal WHERE creditor_signal_ref = 'UNROUTED-SOUND'`,
    );
    expect(rows).toHaveLength(1);
    const retention = hub.get(UnroutedRetentionService);
    // Within the retention nothing goes; 31 days on (the default keeps 30) it does.
    expect(await retention.purgeExpired(new Date())).toBe(0);
    expect(await retention.purgeExpired(new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBeGreaterThanOrEqual(1);
    expect(await world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'UNROUTED-SOUND'`)).toBe(0);
    const { rows: told } = await world.db.query(
      `SELECT status, reason_code FROM feedback_outbox WHERE creditor_signal_ref = 'UNROUTED-SOUND'`,
    );
    expect(told).toEqual([{ status: 'REJECTED', reason_code: 'NOT_ROUTABLE' }]);
    const { rows: audited } = await world.db.query(
      `SELECT actor FROM audit_event WHERE action = 'UNROUTED_SIGNAL_PURGED' AND subject_id = $1`,
      [rows[0].id],
    );
    expect(audited).toEqual([{ actor: 'signaalhub-retention' }]);
  });

  it('refuses a message signed with a revoked key although its producer timestamp predates the revocation', async () => {
    const registry = hub.get(CreditorRegistryService);
    const spare = await registry.addKey(operator, LINDE, spareKey.input);
    expect(spare.keys.map((k) => k.keyId)).toContain('linde-spare');
    const payload = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'BACKDATED' } as SignalInit);
    await registry.revokeKey(operator, LINDE, 'linde-spare', new Date());
    const yesterday = String(Date.now() - 24 * 3600 * 1000);
    await producer.send(world.topics.signals, [
      withKey(LINDE, 'linde-spare', spareKey.privateKey, payload, 'BACKDATED', yesterday),
    ]);
    await waitForDead(['BACKDATED']);
    expect(reasonOf('BACKDATED')).toBe('KEY_REVOKED');
    expect(await storedRefs(['BACKDATED'])).toEqual([]);
  });

  it('puts a revocation made through another hub instance in force for the next batch, also for messages produced before it', async () => {
    // The ingesting hub has read the registry; a second instance (API only) revokes a key.
    const api = await world.startHub({ INGEST_ENABLED: 'false' });
    const registry = api.get(CreditorRegistryService);
    await registry.addKey(operator, LINDE, secondSpare.input);
    // Let the ingesting hub use the key once, so its snapshot has it unrevoked.
    const before = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'BEFORE-REVOKE' } as SignalInit);
    await producer.send(world.topics.signals, [
      withKey(LINDE, 'linde-spare-2', secondSpare.privateKey, before, 'BEFORE-REVOKE'),
    ]);
    await world.eventually(
      () => storedRefs(['BEFORE-REVOKE']),
      (refs) => refs.length === 1,
    );
    // A message produced before the revocation, consumed after it: stop the ingest, produce, revoke, restart.
    await world.stopHub(hub);
    const after = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'PRODUCED-BEFORE' } as SignalInit);
    await producer.send(world.topics.signals, [
      withKey(LINDE, 'linde-spare-2', secondSpare.privateKey, after, 'PRODUCED-BEFORE'),
    ]);
    await registry.revokeKey(operator, LINDE, 'linde-spare-2', new Date());
    hub = await world.startHub({ INGEST_MAX_CONSECUTIVE_FAILURES: '2' });
    await waitForDead(['PRODUCED-BEFORE']);
    expect(reasonOf('PRODUCED-BEFORE')).toBe('KEY_REVOKED');

    // And while both run: revoke through the API instance, then send at once.
    await registry.addKey(operator, LINDE, thirdSpare.input);
    const warm = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'WARM-3' } as SignalInit);
    await producer.send(world.topics.signals, [withKey(LINDE, 'linde-spare-3', thirdSpare.privateKey, warm, 'WARM-3')]);
    await world.eventually(
      () => storedRefs(['WARM-3']),
      (refs) => refs.length === 1,
    );
    await registry.revokeKey(operator, LINDE, 'linde-spare-3', new Date());
    const late = encodeSignal({ ...(base.signal as SignalInit), creditorSignalRef: 'AFTER-REVOKE' } as SignalInit);
    await producer.send(world.topics.signals, [
      withKey(LINDE, 'linde-spare-3', thirdSpare.privateKey, late, 'AFTER-REVOKE'),
    ]);
    await waitForDead(['AFTER-REVOKE']);
    expect(reasonOf('AFTER-REVOKE')).toBe('KEY_REVOKED');
    expect(await storedRefs(['AFTER-REVOKE', 'PRODUCED-BEFORE'])).toEqual([]);
    await world.stopHub(api);
  });

  it('stores the rest of a batch when the database refuses one signal, refusing that one as STORE_FAILED', async () => {
    await world.db.query(`ALTER TABLE signal ADD CONSTRAINT refuse_one CHECK (creditor_signal_ref <> 'DB-REFUSES')`);
    try {
      await producer.send(
        world.topics.signals,
        [
          signed({ creditorSignalRef: 'DB-OK-1' }),
          signed({ creditorSignalRef: 'DB-REFUSES' }),
          signed({ creditorSignalRef: 'DB-OK-2' }),
        ].map((m) => ({ ...m, key: `${LINDE}:${ONE_PARTITION}` })),
      );
      await waitForDead(['DB-REFUSES']);
      expect(reasonOf('DB-REFUSES')).toBe('STORE_FAILED');
      expect(deadOf('DB-REFUSES')[0].headers['x-reject-detail']?.toString()).toMatch(/SQLSTATE 23514/);
      const refs = await world.eventually(
        () => storedRefs(['DB-OK-1', 'DB-OK-2', 'DB-REFUSES']),
        (r) => r.length === 2,
      );
      expect(refs).toEqual([`${LINDE}:DB-OK-1`, `${LINDE}:DB-OK-2`]);
      const { rows: told } = await world.db.query(
        `SELECT status, reason_code FROM feedback_outbox WHERE creditor_signal_ref = 'DB-REFUSES'`,
      );
      expect(told).toEqual([{ status: 'REJECTED', reason_code: 'STORE_FAILED' }]);
      expect((await ready(hub)).status).toBe(200);
    } finally {
      await world.db.query(`ALTER TABLE signal DROP CONSTRAINT refuse_one`);
    }
  });

  it('stores the batches of every partition together, and refuses only the one message the database refuses', async () => {
    // All of one household, so every batch's signals take the same store lane; produced while the
    // hub is down, so it consumes all partitions at once and the lane stores their batches as a group.
    await world.db.query(
      `ALTER TABLE signal ADD CONSTRAINT refuse_in_group CHECK (creditor_signal_ref <> 'GROUP-REFUSED')`,
    );
    await world.stopHub(hub);
    try {
      const good = Array.from({ length: 16 }, (_, i) => `GROUP-OK-${i}`);
      await producer.send(
        world.topics.signals,
        [...good, 'GROUP-REFUSED'].map((ref) => signed({ creditorSignalRef: ref })),
      );
      hub = await world.startHub({ INGEST_MAX_CONSECUTIVE_FAILURES: '2' });
      await waitForDead(['GROUP-REFUSED']);
      expect(reasonOf('GROUP-REFUSED')).toBe('STORE_FAILED');
      const refs = await world.eventually(
        () => storedRefs([...good, 'GROUP-REFUSED']),
        (r) => r.length === good.length,
      );
      expect(refs).toEqual(good.map((ref) => `${LINDE}:${ref}`).sort());
      expect(good.filter((ref) => reasonOf(ref))).toEqual([]);
      expect((await ready(hub)).status).toBe(200);
    } finally {
      await world.db.query(`ALTER TABLE signal DROP CONSTRAINT refuse_in_group`);
    }
  });

  it('commits no offset before the store: a batch that keeps failing stays on the topic, readiness says so, and lands once when fixed', async () => {
    // A failure the store cannot blame on one message (here: a lock that is never granted).
    await world.db.query(`
      CREATE FUNCTION refuse_transiently() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.creditor_signal_ref LIKE 'STUCK-%' THEN
          RAISE EXCEPTION 'store unavailable' USING ERRCODE = 'lock_not_available';
        END IF;
        RETURN NEW;
      END $$`);
    await world.db.query(
      `CREATE TRIGGER refuse_transiently BEFORE INSERT ON signal FOR EACH ROW EXECUTE FUNCTION refuse_transiently()`,
    );
    const refs = ['STUCK-1', 'STUCK-2', 'STUCK-3'];
    try {
      await producer.send(
        world.topics.signals,
        refs.map((ref) => ({ ...signed({ creditorSignalRef: ref }), key: `${LINDE}:${ONE_PARTITION}` })),
      );
      const failures = await world.eventually(
        async () => (await hub.get(HubMetrics).failedBatches.get()).values[0]?.value ?? 0,
        (n) => n >= 2,
      );
      expect(failures).toBeGreaterThanOrEqual(2);
      const res = await ready(hub);
      expect(res.status).toBe(503);
      expect(res.body.checks.ingest).toBe('down');
      expect(res.body.problem).toMatch(/batches failed/);
      expect(await storedRefs(refs)).toEqual([]);
      expect(await world.bus.consumerLag(`${world.id}-hub`, world.topics.signals)).toBeGreaterThanOrEqual(3);
      expect(refs.filter((ref) => reasonOf(ref))).toEqual([]);
    } finally {
      await world.db.query(`DROP TRIGGER refuse_transiently ON signal`);
    }
    await world.eventually(
      () => storedRefs(refs),
      (r) => r.length === 3,
    );
    expect(await world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref LIKE 'STUCK-%'`)).toBe(3);
    const recovered = await world.eventually(
      async () => (await ready(hub)).status,
      (status) => status === 200,
    );
    expect(recovered).toBe(200);
  });
});

function spare(keyId: string) {
  const pair = generateSigningKeyPair();
  return {
    privateKey: pair.privateKey,
    input: Object.assign(new CreditorKeyInput(), { keyId, publicKeyPem: pair.publicKeyPem }),
  };
}
const spareKey = spare('linde-spare');
const secondSpare = spare('linde-spare-2');
const thirdSpare = spare('linde-spare-3');
