import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  Sector,
  SignalKind,
  encodeEnvelope,
  encodeSignal,
  generateSigningKeyPair,
  signEnvelope,
  type SignalInit,
} from '@signaalhub/contracts';
import type { KeyObject } from 'node:crypto';
import type { ConsumedMessage, Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const LINDE = 'woningcorporatie-de-linde'; // registered for HUUR only
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * The convenant rules and the authenticity checks end to end: signed envelopes through real Kafka,
 * the registry and rules in the hub, decisions in PostgreSQL, refusals in the DLQ and the audit trail.
 */
describe('convenant rules and authenticity of signals', () => {
  const world = new HubWorld('convenant', { seedCreditors: true });
  let hub: INestApplication;
  let producer: Producer;
  const dead: ConsumedMessage[] = [];
  let base: SignalInit;
  const rogueKey = generateSigningKeyPair();
  const revokedKey = generateSigningKeyPair();
  const unboundKey = generateSigningKeyPair();

  function record(
    creditorId: string,
    keyId: string,
    privateKey: KeyObject,
    change: Partial<SignalInit>,
    kafkaKeyCreditor = creditorId,
  ) {
    const payload = encodeSignal({ ...base, ...change } as SignalInit);
    return {
      key: `${kafkaKeyCreditor}:${String(change.creditorSignalRef)}`,
      value: Buffer.from(
        encodeEnvelope({
          creditorId,
          keyId,
          payload,
          signature: signEnvelope(privateKey, { creditorId, keyId, payload }),
        }),
      ),
    };
  }
  const linde = (change: Partial<SignalInit>) => {
    const { keyId, privateKey } = world.signer(LINDE);
    return record(LINDE, keyId, privateKey, change);
  };
  const reasonOf = (ref: string) =>
    dead.find((m) => m.key?.toString().endsWith(`:${ref}`))?.headers['x-reject-reason']?.toString();
  const signalRow = async (ref: string) =>
    (await world.db.query(`SELECT * FROM signal WHERE creditor_signal_ref = $1`, [ref])).rows;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    producer = await world.bus.createProducer();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-dlq`, topics: [world.topics.deadLetter] });
    await reader.start(async (batch) => {
      dead.push(...batch.messages);
    });
    const [huur] = generateSignals(loadReferenceData(), { count: 40, municipalities: ['GM0363'], seed: 8 }).filter(
      (s) => s.signal.sector === Sector.HUUR,
    );
    base = {
      ...(huur.signal as SignalInit),
      signalDate: today,
      arrearsSince: daysAgo(45),
      reminderSentOn: daysAgo(10),
    };

    const operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    // A creditor with one key revoked yesterday, and an energy supplier without any agreement.
    for (const [id, sectors, keyId, key] of [
      ['verhuurder-ingetrokken', ['HUUR'], 'old-key', revokedKey],
      ['energie-zonder-akkoord', ['ENERGIE'], 'k1', unboundKey],
    ] as const) {
      const res = await gql(
        hub,
        `mutation R($input: RegisterCreditorInput!) { registerCreditor(input: $input) { id } }`,
        { input: { id, name: id, kvkNumber: '12345678', sectors, keys: [{ keyId, publicKeyPem: key.publicKeyPem }] } },
        operator,
      );
      expect(res.errors).toBeUndefined();
    }
    await gql(
      hub,
      `mutation S($input: SetAgreementInput!) { setAgreement(input: $input) { id } }`,
      {
        input: {
          creditorId: 'verhuurder-ingetrokken',
          municipality: 'GM0363',
          sector: 'HUUR',
          validFrom: '2021-01-01',
        },
      },
      operator,
    );
    const revoke = await gql(
      hub,
      `mutation V($at: DateTime) { revokeCreditorKey(creditorId: "verhuurder-ingetrokken", keyId: "old-key", revokedAt: $at) { id } }`,
      { at: new Date(Date.now() - 86_400_000).toISOString() },
      operator,
    );
    expect(revoke.errors).toBeUndefined();
    const policy = await gql(
      hub,
      `mutation P($input: SetMunicipalityPolicyInput!) { setMunicipalityPolicy(input: $input) { municipality } }`,
      { input: { municipality: 'GM0363', minimumAmountCents: 7500, matchingPeriodDays: 183 } },
      operator,
    );
    expect(policy.errors).toBeUndefined();
  });

  afterAll(() => world.close());

  it('refuses forged, misattributed and out-of-sector signals: DLQ, security event, no personal data kept', async () => {
    const lindeKey = world.signer(LINDE);
    const forged = { surname: 'Vervalst-Naam', email: 'vervalst@example.org', phone: '0611111111' };
    await producer.send(world.topics.signals, [
      // Signed with a key that is not Linde's, claiming Linde's key id.
      record(LINDE, lindeKey.keyId, rogueKey.privateKey, { creditorSignalRef: 'FORGED', ...forged }),
      // Linde's genuine signature, but presented as another creditor's envelope.
      record('woningcorporatie-havenstad', lindeKey.keyId, lindeKey.privateKey, {
        creditorSignalRef: 'OTHER-ID',
        ...forged,
      }),
      // Linde's genuine envelope behind another creditor's Kafka key.
      record(
        LINDE,
        lindeKey.keyId,
        lindeKey.privateKey,
        { creditorSignalRef: 'KEY-MISMATCH', ...forged },
        'woningcorporatie-havenstad',
      ),
      // A creditor nobody registered.
      record('onbekende-schuldeiser', 'k1', rogueKey.privateKey, { creditorSignalRef: 'NOBODY', ...forged }),
      // Genuine Linde, but health insurance is not Linde's sector.
      linde({ creditorSignalRef: 'WRONG-SECTOR', sector: Sector.ZORG, ...forged }),
      // A key revoked yesterday.
      record('verhuurder-ingetrokken', 'old-key', revokedKey.privateKey, { creditorSignalRef: 'REVOKED', ...forged }),
    ]);
    const expected: Record<string, string> = {
      FORGED: 'BAD_SIGNATURE',
      'OTHER-ID': 'UNKNOWN_KEY',
      'KEY-MISMATCH': 'CREDITOR_MISMATCH',
      NOBODY: 'UNKNOWN_CREDITOR',
      'WRONG-SECTOR': 'SECTOR_NOT_ALLOWED',
      REVOKED: 'KEY_REVOKED',
    };
    await world.eventually(
      async () => Object.keys(expected).filter((ref) => reasonOf(ref)).length,
      (n) => n === 6,
    );
    for (const [ref, reason] of Object.entries(expected)) expect(`${ref}: ${reasonOf(ref)}`).toBe(`${ref}: ${reason}`);

    const { rows: events } = await world.db.query(
      `SELECT action, actor FROM audit_event WHERE action LIKE 'SECURITY_%' ORDER BY action`,
    );
    expect(events.map((e) => e.action).sort()).toEqual(
      Object.values(expected)
        .map((r) => `SECURITY_${r}`)
        .sort(),
    );
    expect(events.find((e) => e.action === 'SECURITY_BAD_SIGNATURE')?.actor).toBe(LINDE);
    // Nothing of these people is anywhere in the database.
    // Every table is searched, so no place the data could have gone is left out.
    for (const value of Object.values(forged)) expect(await world.tablesContaining(value)).toEqual([]);
  });

  it('applies the rules as data and records which rule version decided', async () => {
    const energy = (change: Partial<SignalInit>) =>
      record('energie-zonder-akkoord', 'k1', unboundKey.privateKey, {
        sector: Sector.ENERGIE,
        customerNumber: 'E-1',
        ...change,
      });
    await producer.send(world.topics.signals, [
      linde({ creditorSignalRef: 'OK', customerNumber: 'K-NIET-NODIG', bsn: '111222333', amountCents: 90_000n }),
      linde({ creditorSignalRef: 'TOO-EARLY', arrearsSince: daysAgo(29), houseNumber: 201 }),
      linde({ creditorSignalRef: 'SMALL', amountCents: 5_000n, houseNumber: 202 }),
      linde({ creditorSignalRef: 'NO-REMINDER', reminderSentOn: '', houseNumber: 203 }),
      linde({ creditorSignalRef: 'OBJECTED', objectionReceived: true, houseNumber: 204 }),
      energy({ creditorSignalRef: 'NO-AGREEMENT' }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref IN ('OK', 'TOO-EARLY', 'SMALL')`),
      (n) => n === 3,
    );
    await world.eventually(
      async () => ['NO-REMINDER', 'OBJECTED', 'NO-AGREEMENT'].filter((r) => reasonOf(r)).length,
      (n) => n === 3,
    );
    const [ok] = await signalRow('OK');
    expect(ok).toMatchObject({ decision: 'ACCEPTED', decision_reason: 'ACCEPTED', status: 'NOT_YET_PICKED_UP' });
    expect(ok.rule_id).toMatch(/^LCV\/HUUR\//);
    expect(ok.rule_version).toBe('2022-11');
    // Data minimisation: rent has no customer number; no sector may send a BSN.
    expect(ok.customer_number).toBeNull();
    expect(JSON.stringify(ok)).not.toContain('111222333');
    expect(
      await world.count(`SELECT dropped FROM minimisation_count WHERE creditor_id = $1 AND field = 'customerNumber'`, [
        LINDE,
      ]),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await world.count(`SELECT dropped FROM minimisation_count WHERE creditor_id = $1 AND field = 'bsn'`, [LINDE]),
    ).toBe(1);

    expect((await signalRow('TOO-EARLY'))[0]).toMatchObject({
      decision: 'NOT_PICKED_UP_UNFOUNDED',
      decision_reason: 'OUTSIDE_WINDOW',
      status: 'NOT_PICKED_UP_UNFOUNDED',
    });
    expect((await signalRow('SMALL'))[0]).toMatchObject({
      decision: 'NOT_PICKED_UP_UNFOUNDED',
      decision_reason: 'BELOW_MINIMUM_AMOUNT',
    });
    expect(reasonOf('NO-REMINDER')).toBe('ATTESTATION_MISSING');
    expect(reasonOf('OBJECTED')).toBe('OBJECTION_RECEIVED');
    expect(reasonOf('NO-AGREEMENT')).toBe('NO_AGREEMENT');
    for (const ref of ['NO-REMINDER', 'OBJECTED', 'NO-AGREEMENT']) expect(await signalRow(ref)).toEqual([]);

    // What each creditor is told.
    const { rows: feedback } = await world.db.query(
      `SELECT creditor_signal_ref AS ref, status, reason_code FROM feedback_outbox
       WHERE creditor_signal_ref IN ('OK', 'TOO-EARLY', 'SMALL', 'NO-REMINDER', 'NO-AGREEMENT') ORDER BY 1`,
    );
    expect(feedback).toEqual([
      { ref: 'NO-AGREEMENT', status: 'REJECTED', reason_code: 'NO_AGREEMENT' },
      { ref: 'NO-REMINDER', status: 'REJECTED', reason_code: 'ATTESTATION_MISSING' },
      { ref: 'OK', status: 'ACCEPTED', reason_code: null },
      { ref: 'SMALL', status: 'NOT_PICKED_UP_UNFOUNDED', reason_code: null },
      { ref: 'TOO-EARLY', status: 'NOT_PICKED_UP_UNFOUNDED', reason_code: null },
    ]);
  });

  it('judges a repeat, a risen amount and a withdrawal against the earlier signals of the same arrears', async () => {
    const arrears = { creditorSignalRef: 'ARREARS-1', houseNumber: 300 };
    // In order on one partition (one Kafka key), and within one batch where they arrive together.
    await producer.send(world.topics.signals, [
      linde({
        ...arrears,
        kind: SignalKind.NEW,
        amountCents: 50_000n,
        signalDate: daysAgo(2),
        arrearsSince: daysAgo(60),
      }),
      linde({
        ...arrears,
        kind: SignalKind.NEW,
        amountCents: 50_000n,
        signalDate: daysAgo(1),
        arrearsSince: daysAgo(60),
      }),
      linde({
        ...arrears,
        kind: SignalKind.UPDATE,
        amountCents: 80_000n,
        signalDate: today,
        arrearsSince: daysAgo(60),
      }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'ARREARS-1'`),
      (n) => n === 3,
    );
    await producer.send(world.topics.signals, [
      linde({
        ...arrears,
        kind: SignalKind.WITHDRAWN,
        amountCents: 0n,
        signalDate: today,
        arrearsSince: daysAgo(60),
        sentAt: { seconds: 1n, nanos: 0 },
      }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'ARREARS-1'`),
      (n) => n === 4,
    );
    const { rows } = await world.db.query(
      `SELECT kind, amount_cents, decision, decision_reason FROM signal WHERE creditor_signal_ref = 'ARREARS-1'
       ORDER BY received_at, signal_date, kind`,
    );
    expect(rows.map((r) => `${r.kind} ${r.amount_cents} ${r.decision}/${r.decision_reason}`)).toEqual([
      'NEW 50000 ACCEPTED/ACCEPTED',
      'NEW 50000 NOT_PICKED_UP_REPEAT/REPEAT_SIGNAL',
      'UPDATE 80000 ACCEPTED/AMOUNT_ROSE',
      'WITHDRAWN 0 RESOLVED/WITHDRAWN',
    ]);
  });

  it('judges an unrouted signal once the operator routes it, and deletes it when the rules refuse it', async () => {
    await producer.send(world.topics.signals, [
      record('energie-zonder-akkoord', 'k1', unboundKey.privateKey, {
        creditorSignalRef: 'NOWHERE',
        sector: Sector.ENERGIE,
        postcode: '1000AA',
        surname: 'Zonder-Adres',
      }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'NOWHERE'`),
      (n) => n === 1,
    );
    const [held] = await signalRow('NOWHERE');
    expect(held).toMatchObject({ routing: 'UNROUTED', decision: 'PENDING_ROUTING' });

    const operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    const res = await gql<{ routeSignal: { caseId: string | null; decision: string; decisionReason: string } }>(
      hub,
      `mutation { routeSignal(signalId: "${held.id}", municipality: "GM0363", overrideReason: "Postcode unknown, address checked") { caseId decision decisionReason } }`,
      {},
      operator,
    );
    expect(res.errors).toBeUndefined();
    // This supplier has no agreement with GM0363: refused, and nothing of the person is kept.
    expect(res.data!.routeSignal).toEqual({ caseId: null, decision: 'REJECTED', decisionReason: 'NO_AGREEMENT' });
    expect(await signalRow('NOWHERE')).toEqual([]);
    expect(await world.count(`SELECT count(*) FROM household WHERE household::text ILIKE '%Zonder-Adres%'`)).toBe(0);
    const { rows } = await world.db.query(
      `SELECT status, reason_code FROM feedback_outbox WHERE creditor_signal_ref = 'NOWHERE'`,
    );
    expect(rows).toEqual([{ status: 'REJECTED', reason_code: 'NO_AGREEMENT' }]);
  });

  it('accepts experiment sectors only where the municipality takes part, on the experiment’s terms', async () => {
    const operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    const toeslagen = generateSigningKeyPair();
    await gql(
      hub,
      `mutation R($input: RegisterCreditorInput!) { registerCreditor(input: $input) { id } }`,
      {
        input: {
          id: 'dienst-toeslagen',
          name: 'Dienst Toeslagen',
          kvkNumber: '87654321',
          sectors: ['DIENST_TOESLAGEN'],
          keys: [{ keyId: 't1', publicKeyPem: toeslagen.publicKeyPem }],
        },
      },
      operator,
    );
    for (const municipality of ['GM0363', 'GM0599']) {
      await gql(
        hub,
        `mutation S($input: SetAgreementInput!) { setAgreement(input: $input) { id } }`,
        {
          input: { creditorId: 'dienst-toeslagen', municipality, sector: 'DIENST_TOESLAGEN', validFrom: '2024-01-01' },
        },
        operator,
      );
    }
    // Toeslagen experiment: at least €600 (DOMAIN.md), in GM0363 only.
    const policy = await gql<{
      setMunicipalityPolicy: { experiments: Array<{ sector: string; minAmountCents: number }> };
    }>(
      hub,
      `mutation P($input: SetMunicipalityPolicyInput!) {
         setMunicipalityPolicy(input: $input) { experiments { sector minDays minAmountCents } } }`,
      {
        input: {
          municipality: 'GM0363',
          minimumAmountCents: 7500,
          matchingPeriodDays: 183,
          experiments: [{ sector: 'DIENST_TOESLAGEN', minAmountCents: 60000 }],
        },
      },
      operator,
    );
    expect(policy.data!.setMunicipalityPolicy.experiments).toEqual([
      { sector: 'DIENST_TOESLAGEN', minDays: null, minAmountCents: 60000 },
    ]);
    const rotterdam = generateSignals(loadReferenceData(), { count: 1, municipalities: ['GM0599'], seed: 2 })[0].signal;
    const send = (ref: string, change: Partial<SignalInit>) =>
      record('dienst-toeslagen', 't1', toeslagen.privateKey, {
        creditorSignalRef: ref,
        sector: Sector.DIENST_TOESLAGEN,
        customerNumber: '',
        ...change,
      });
    await producer.send(world.topics.signals, [
      send('TS-LOW', { amountCents: 50_000n, houseNumber: 401 }),
      send('TS-OK', { amountCents: 70_000n, houseNumber: 402 }),
      send('TS-ROTTERDAM', {
        amountCents: 70_000n,
        postcode: rotterdam.postcode,
        place: rotterdam.place,
        houseNumber: 403,
      }),
    ]);
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref IN ('TS-LOW', 'TS-OK')`),
      (n) => n === 2,
    );
    await world.eventually(
      async () => reasonOf('TS-ROTTERDAM'),
      (reason) => reason !== undefined,
    );
    expect((await signalRow('TS-OK'))[0]).toMatchObject({ decision: 'ACCEPTED' });
    expect((await signalRow('TS-LOW'))[0]).toMatchObject({
      decision: 'NOT_PICKED_UP_UNFOUNDED',
      decision_reason: 'BELOW_MINIMUM_AMOUNT',
    });
    expect(reasonOf('TS-ROTTERDAM')).toBe('EXPERIMENT_NOT_CONFIGURED');
  });
});
