import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { generateSigningKeyPair, type SignalInit } from '@signaalhub/contracts';
import { DEV_ISSUER } from '@signaalhub/devstack';
import type { Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { AUTHORIZATION_MATRIX, type Role, type RootFieldAccess } from './authorization-matrix.js';
import { errorCodes, gql, type GraphQLResponse } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

// Every root field × every kind of caller × own and foreign municipality, against a real hub.
// The target of each call is data of OWN (Amsterdam); a caller of the foreign scope is the same role
// from FOREIGN (Rotterdam), naming Amsterdam's objects. Calls that should be refused run first, in
// parallel, so each allowed call afterwards also proves the refused ones changed nothing.
const OWN = 'GM0363';
const FOREIGN = 'GM0599';
const CALLERS = [
  'worker',
  'team_lead',
  'privacy_officer',
  'operator',
  'creditor',
  'none',
  'expired',
  'foreign_signed',
] as const;
type Caller = (typeof CALLERS)[number];
type Scope = 'own' | 'foreign';
type Outcome = 'ALLOW' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'NO_DATA';
const MUNICIPAL_ROLES: readonly Caller[] = ['worker', 'team_lead', 'privacy_officer'];
const LINDE = 'woningcorporatie-de-linde';
/** The creditor the operator's registry mutations work on. */
const REGISTRY_CREDITOR = 'matrix-registry';

/** What each root field, called by an allowed role, is expected to do. */
function expectedOutcome(access: RootFieldAccess, caller: Caller, scope: Scope): Outcome {
  if (caller === 'none' || caller === 'expired' || caller === 'foreign_signed') return 'UNAUTHENTICATED';
  if (!access.roles.includes(caller as Role)) return 'FORBIDDEN';
  if (scope === 'own' || access.scope === 'hub' || !MUNICIPAL_ROLES.includes(caller)) return 'ALLOW';
  return access.foreign ?? 'FORBIDDEN';
}

/** An Amsterdam resident of the seed, with the case and signal the ingest made of their signal. */
interface Person {
  signal: SignalInit;
  surname: string;
  caseId: string;
  signalId: string;
}

interface Call {
  query: string;
  variables?: Record<string, unknown>;
}

interface Target {
  people: Record<string, Person>;
  queues: { update: string; delete: string };
  unrouted: string[];
  serial: () => number;
  operator: string;
}

const person = (p: Person) => ({
  surname: p.surname,
  birthDate: p.signal.birthDate,
  postcode: p.signal.postcode,
  houseNumber: p.signal.houseNumber,
});

const CASE_FIELDS = `id status municipality household { postcode street houseNumber }
  signals { id surname firstNames birthDate phone email } notes { text } contactAttempts { kind }
  timeline(first: 10) { edges { node { kind signalId } } }`;

/**
 * One valid call per root field, naming Amsterdam's data. `allowed` calls each get their own
 * target where the call changes it (each pick-up its own new case, each revoke its own key).
 */
const CALLS: Record<string, (t: Target, allowed: boolean) => Call> = {
  auditLog: () => ({
    query: `{ auditLog(first: 100) { edges { node { subjectId subjectType municipality detail actor } } } }`,
  }),
  auditLogCsv: () => ({ query: `{ auditLogCsv(maxRows: 500) }` }),
  case: (t) => ({
    query: `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`,
    variables: { id: t.people.read.caseId },
  }),
  cases: () => ({ query: `{ cases(first: 50) { totalCount edges { node { ${CASE_FIELDS} } } } }` }),
  creditors: () => ({ query: `{ creditors(first: 50) { totalCount edges { node { id name sectors } } } }` }),
  dataSharingReport: () => ({
    query: `query($from: String!, $to: String!) { dataSharingReport(from: $from, to: $to) { scope municipality
      rows { key received accepted } totals { received accepted } } }`,
    variables: { from: today(-30), to: today() },
  }),
  ddasExport: () => ({
    query: `query($from: String!, $to: String!) { ddasExport(from: $from, to: $to) { document signals cases } }`,
    variables: { from: today(-30), to: today() },
  }),
  municipalityKpis: () => ({
    query: `query($from: String!, $to: String!) { municipalityKpis(from: $from, to: $to) { municipality signals cases } }`,
    variables: { from: today(-30), to: today() },
  }),
  retentionReport: () => ({ query: `{ retentionReport(first: 5) { scope municipality overdue } }` }),
  subjectAccess: (t) => ({
    query: `query($p: DataSubjectInput!) { subjectAccess(person: $p) { municipality
      signals { id surname birthDate postcode phone email } cases { id } notes { text } } }`,
    variables: { p: person(t.people.read) },
  }),
  unroutedSignals: () => ({ query: `{ unroutedSignals(first: 50) { totalCount edges { node { id postcode } } } }` }),
  verifyAuditLog: () => ({ query: `{ verifyAuditLog(municipality: "${OWN}") { ok municipality entries } }` }),
  workQueues: () => ({ query: `{ workQueues { id name openCaseCount } }` }),

  addCaseNote: (t) => ({
    query: `mutation($id: ID!) { addCaseNote(caseId: $id, text: "Matrix note") { id text } }`,
    variables: { id: t.people.note.caseId },
  }),
  addCreditorKey: (t) => ({
    query: `mutation($c: String!, $k: String!, $pem: String!) {
      addCreditorKey(creditorId: $c, keyId: $k, publicKeyPem: $pem) { id } }`,
    variables: { c: REGISTRY_CREDITOR, k: `added-${t.serial()}`, pem: generateSigningKeyPair().publicKeyPem },
  }),
  assignCase: (t) => ({
    query: `mutation($id: ID!) { assignCase(id: $id, worker: "worker-2") { ${CASE_FIELDS} assignedTo } }`,
    variables: { id: t.people.assign.caseId },
  }),
  closeCase: (t) => ({
    query: `mutation($id: ID!) { closeCase(id: $id, result: NOT_PICKED_UP_OTHER) { ${CASE_FIELDS} } }`,
    variables: { id: t.people.close.caseId },
  }),
  createWorkQueue: (t) => ({
    query: `mutation($name: String!) { createWorkQueue(input: { name: $name }) { id name } }`,
    variables: { name: `Matrix queue ${t.serial()}` },
  }),
  deleteWorkQueue: (t) => ({
    query: `mutation($id: ID!) { deleteWorkQueue(id: $id) }`,
    variables: { id: t.queues.delete },
  }),
  eraseSubject: (t) => ({
    query: `mutation($p: DataSubjectInput!) { eraseSubject(person: $p) { erasedSignals deletedNotes } }`,
    variables: { p: person(t.people.erase) },
  }),
  pickUpCase: (t) => ({
    query: `mutation($id: ID!) { pickUpCase(id: $id) { ${CASE_FIELDS} } }`,
    variables: { id: t.people.pickUp.caseId },
  }),
  recordContactAttempt: (t) => ({
    query: `mutation($id: ID!, $date: String!) { recordContactAttempt(caseId: $id, input: { kind: PHONE, reached: false, date: $date }) {
      ${CASE_FIELDS} } }`,
    variables: { id: t.people.contact.caseId, date: today() },
  }),
  recordObjection: (t) => ({
    query: `mutation($p: DataSubjectInput!) { recordObjection(person: $p) { recorded } }`,
    variables: { p: person(t.people.object) },
  }),
  rectifySubject: (t) => ({
    query: `mutation($id: ID!) { rectifySubject(signalId: $id, changes: { phone: "0611111111" }) }`,
    variables: { id: t.people.rectify.signalId },
  }),
  registerCreditor: (t) => {
    const n = t.serial();
    return {
      query: `mutation($input: RegisterCreditorInput!) { registerCreditor(input: $input) { id } }`,
      variables: {
        input: { id: `matrix-new-${n}`, kvkNumber: String(30_000_000 + n), name: 'Matrix', sectors: ['HUUR'] },
      },
    };
  },
  revokeCreditorKey: (t, allowed) => ({
    query: `mutation($c: String!, $k: String!) { revokeCreditorKey(creditorId: $c, keyId: $k) { id } }`,
    variables: { c: REGISTRY_CREDITOR, k: allowed ? `revocable-${t.serial() % 4}` : 'revocable-kept' },
  }),
  routeSignal: (t, allowed) => ({
    query: `mutation($id: ID!) { routeSignal(signalId: $id, municipality: "${OWN}") { signalId municipality } }`,
    variables: { id: allowed ? t.unrouted.pop() : t.unrouted[0] },
  }),
  setAgreement: (t) => {
    // A day of its own for each call: agreements of one creditor, municipality and sector may not
    // overlap, and an open end would overlap every later call's.
    const date = day(Date.UTC(2020, 0, 1 + t.serial()));
    return {
      query: `mutation($input: SetAgreementInput!) { setAgreement(input: $input) { id } }`,
      variables: {
        input: { creditorId: REGISTRY_CREDITOR, municipality: OWN, sector: 'HUUR', validFrom: date, validTo: date },
      },
    };
  },
  setMunicipalityPolicy: () => ({
    query: `mutation { setMunicipalityPolicy(input: { municipality: "GM0518", minimumAmountCents: 0,
      matchingPeriodDays: 180 }) { municipality } }`,
  }),
  setRetentionPolicy: () => ({
    query: `mutation { setRetentionPolicy(input: { municipality: "GM0518", closedCaseMonths: 12,
      unpickedSignalMonths: 6 }) { municipality } }`,
  }),
  transferCase: (t) => ({
    query: `mutation($id: ID!) { transferCase(caseId: $id, toMunicipality: "${FOREIGN}", reason: "Verhuisd") {
      ${CASE_FIELDS} } }`,
    variables: { id: t.people.transfer.caseId },
  }),
  updateWorkQueue: (t) => ({
    query: `mutation($id: ID!) { updateWorkQueue(id: $id, input: { name: "Matrix renamed" }) { id name } }`,
    variables: { id: t.queues.update },
  }),
};

/** The Amsterdam people the calls name, by the field whose call changes them. */
const PEOPLE = ['read', 'note', 'assign', 'close', 'erase', 'pickUp', 'contact', 'object', 'rectify', 'transfer'];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = (offsetDays = 0) => day(Date.now() + offsetDays * 86_400_000);

type RootField = { name: string; operation: RootFieldAccess['operation'] };

const INTROSPECT_ROOT_FIELDS = `{ __schema {
  queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`;

describe('authorization matrix: every root field × every caller × own and foreign municipality', () => {
  const world = new HubWorld('authz', { seedCreditors: true });
  const reference = loadReferenceData();
  const clients: Client[] = [];
  const tokens = new Map<string, string | undefined>();
  const target = {} as Target;
  /** Everything of Amsterdam's a foreign caller must never see: surnames, case and signal ids. */
  let markers: string[] = [];
  /** Personal data no operator may read. */
  let personalData: string[] = [];
  let hub: INestApplication;
  let producer: Producer;

  /** The root fields of the running hub's schema (introspection), by operation. */
  let rootFields: RootField[] = [];

  const tokenOf = (caller: Caller, scope: Scope) => tokens.get(`${caller}/${scope}`);

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub({ GRAPHQL_RATE_LIMIT_REQUESTS: '100000' });
    producer = await world.bus.createProducer();
    type Fields = { fields: Array<{ name: string }> } | null;
    const schema = await gql<{ __schema: Record<string, Fields> }>(hub, INTROSPECT_ROOT_FIELDS);
    rootFields = (['query', 'mutation', 'subscription'] as const).flatMap((operation) =>
      (schema.data?.__schema[`${operation}Type`]?.fields ?? []).map(({ name }) => ({ name, operation })),
    );
    const devKey = createPrivateKey(readFileSync(world.keys.privateKeyFile, 'utf8'));
    const strangerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    for (const scope of ['own', 'foreign'] as const) {
      const municipality = scope === 'own' ? OWN : FOREIGN;
      const sub = (caller: string) => `${caller}-${scope}`;
      for (const role of ['worker', 'team_lead', 'privacy_officer'] as const) {
        tokens.set(`${role}/${scope}`, await world.token({ sub: sub(role), roles: [role], municipality }));
      }
      tokens.set(`operator/${scope}`, await world.token({ sub: sub('operator'), roles: ['operator'] }));
      tokens.set(
        `creditor/${scope}`,
        await world.token({ sub: sub('creditor'), roles: ['creditor'], creditor: LINDE }),
      );
      tokens.set(`none/${scope}`, undefined);
      tokens.set(`expired/${scope}`, await signed(devKey, municipality, -60));
      tokens.set(`foreign_signed/${scope}`, await signed(strangerKey, municipality, 3600));
    }
    const operator = tokenOf('operator', 'own') as string;
    let serial = 0;
    Object.assign(target, { serial: () => serial++, operator });

    // Amsterdam's people, each in a household of their own, plus a few in Rotterdam, and signals
    // with a postcode of two municipalities and no place name: held unrouted for the operator.
    const amsterdam = generateSignals(reference, {
      count: PEOPLE.length,
      municipalities: [OWN],
      seed: 1201,
      households: PEOPLE.length,
    }).map((s, i) => named(s, `Matrixdoelwit${i}`));
    const rotterdam = generateSignals(reference, { count: 3, municipalities: [FOREIGN], seed: 1202 });
    const [base] = amsterdam;
    const held = [0, 1, 2].map((i) => ({
      creditorId: base.creditorId,
      signal: { ...base.signal, creditorSignalRef: `MX-HELD-${i}`, postcode: `1096A${'BCD'[i]}`, place: '' },
    }));
    await producer.send(world.topics.signals, world.records([...amsterdam, ...rotterdam, ...held]));
    const refs = amsterdam.map((s) => s.signal.creditorSignalRef as string);
    const stored = await world.eventually(
      async () =>
        (
          await world.db.query(
            `SELECT id, case_id, creditor_signal_ref FROM signal WHERE creditor_signal_ref = ANY($1)`,
            [refs],
          )
        ).rows as Array<{ id: string; case_id: string; creditor_signal_ref: string }>,
      (rows) => rows.length === refs.length,
    );
    expect(stored).toHaveLength(refs.length);
    target.people = Object.fromEntries(
      PEOPLE.map((key, i) => {
        const row = stored.find((r) => r.creditor_signal_ref === refs[i]) as (typeof stored)[number];
        const signal = amsterdam[i].signal as SignalInit;
        return [key, { signal, surname: signal.surname as string, caseId: row.case_id, signalId: row.id }];
      }),
    );
    const unrouted = await world.eventually(
      async () =>
        (
          await gql<{ unroutedSignals: { edges: Array<{ node: { id: string } }> } }>(
            hub,
            '{ unroutedSignals(first: 10) { edges { node { id } } } }',
            {},
            operator,
          )
        ).data?.unroutedSignals.edges.map((e) => e.node.id) ?? [],
      (ids) => ids.length === held.length,
    );
    target.unrouted = unrouted;

    // Work queues of Amsterdam's team lead to rename and delete; a registered creditor with keys.
    const lead = tokenOf('team_lead', 'own');
    const queue = async (name: string) =>
      ((
        await gql<{ createWorkQueue: { id: string } }>(
          hub,
          'mutation($name: String!) { createWorkQueue(input: { name: $name }) { id } }',
          { name },
          lead,
        )
      ).data?.createWorkQueue.id ?? '') as string;
    target.queues = { update: await queue('Matrixbak bijwerken'), delete: await queue('Matrixbak weg') };
    const keys = ['revocable-kept', ...[0, 1, 2, 3].map((i) => `revocable-${i}`)].map((keyId) => ({
      keyId,
      publicKeyPem: generateSigningKeyPair().publicKeyPem,
    }));
    const registered = await gql(
      hub,
      'mutation($input: RegisterCreditorInput!) { registerCreditor(input: $input) { id } }',
      { input: { id: REGISTRY_CREDITOR, kvkNumber: '29999999', name: 'Matrix registry', sectors: ['HUUR'], keys } },
      operator,
    );
    expect(registered.errors).toBeUndefined();

    const all = Object.values(target.people);
    markers = [
      ...all.flatMap((p) => [p.surname, p.caseId, p.signalId]),
      target.queues.update,
      target.queues.delete,
      'Matrixbak',
    ];
    personalData = all.flatMap((p) => [p.surname, p.signal.birthDate as string, p.signal.email as string]);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await world.close();
  });

  it('has an entry and a call for every root field of the schema, and none for a field that is gone', () => {
    const fields = rootFields;
    expect(fields.length).toBeGreaterThan(0);
    const undecided = fields.filter((f) => AUTHORIZATION_MATRIX[f.name]?.operation !== f.operation).map((f) => f.name);
    expect(undecided).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).sort()).toEqual(fields.map((f) => f.name).sort());
    const operations = fields.filter((f) => f.operation !== 'subscription').map((f) => f.name);
    expect(Object.keys(CALLS).sort()).toEqual(operations.sort());
  });

  it('allows and refuses every query and mutation as the matrix says, leaking nothing', async () => {
    const cells = rootFields
      .filter((f) => f.operation !== 'subscription')
      .flatMap(({ name }) =>
        CALLERS.flatMap((caller) =>
          (['own', 'foreign'] as const).map((scope) => ({
            name,
            caller,
            scope,
            outcome: expectedOutcome(AUTHORIZATION_MATRIX[name], caller, scope),
          })),
        ),
      );
    const run = async (cell: (typeof cells)[number]) => {
      const call = CALLS[cell.name](target, cell.outcome === 'ALLOW');
      const response = await gql(hub, call.query, call.variables, tokenOf(cell.caller, cell.scope));
      return { ...cell, problem: judge(cell, response) };
    };
    // Refusals first, all at once; then the allowed calls, each on its own target.
    const refused = await Promise.all(cells.filter((c) => c.outcome !== 'ALLOW').map(run));
    const allowed = await Promise.all(cells.filter((c) => c.outcome === 'ALLOW').map(run));
    const problems = [...refused, ...allowed]
      .filter((c) => c.problem !== null)
      .map((c) => `${c.name} as ${c.caller} (${c.scope}): expected ${c.outcome}, ${c.problem}`);
    expect(problems).toEqual([]);
    // Every query and mutation of the matrix (the first test holds it equal to the schema's), each
    // called by every caller from both municipalities.
    const operations = Object.values(AUTHORIZATION_MATRIX).filter((a) => a.operation !== 'subscription').length;
    expect(cells).toHaveLength(operations * CALLERS.length * 2);
    expect(allowed.length).toBeGreaterThan(0);
  });

  /** Null when the response is what `cell.outcome` means; otherwise what is wrong with it. */
  function judge(cell: { name: string; caller: Caller; outcome: Outcome }, response: GraphQLResponse): string | null {
    const text = JSON.stringify(response);
    const codes = errorCodes(response);
    const value = (response.data as Record<string, unknown> | null | undefined)?.[cell.name];
    if (cell.outcome === 'ALLOW') {
      if (codes.length > 0 || value === undefined || value === null) return `got ${text.slice(0, 300)}`;
      if (cell.caller === 'operator' && personalData.some((p) => text.includes(p)))
        return 'the operator read personal data';
      return null;
    }
    const leaked = markers.filter((m) => text.includes(m));
    if (leaked.length > 0) return `leaked ${leaked.join(', ')}`;
    if (cell.outcome === 'NO_DATA') return codes.every((c) => c === 'NOT_FOUND') ? null : `got ${codes.join(',')}`;
    if (codes.length === 0 || codes.some((c) => c !== cell.outcome)) return `got ${text.slice(0, 300)}`;
    return value === undefined || value === null ? null : 'got data with the error';
  }

  it('keeps to the caller’s municipality when an argument names another one’s data', async () => {
    const read = target.people.read;
    const probes: Array<{ caller: Caller; query: string; variables: Record<string, unknown>; refused?: string }> = [
      // A work queue of Amsterdam's as the filter of a Rotterdam worker's list.
      {
        caller: 'worker',
        query: `query($q: ID!) { cases(queue: $q) { edges { node { id } } } }`,
        variables: { q: target.queues.update },
      },
      // Amsterdam's case as the audit filter of Rotterdam's privacy officer.
      {
        caller: 'privacy_officer',
        query: `query($id: ID!) { auditLog(filter: { caseId: $id }) { edges { node { subjectId detail } } } }`,
        variables: { id: read.caseId },
      },
      {
        caller: 'privacy_officer',
        query: `query($id: ID!) { auditLogCsv(filter: { caseId: $id }) }`,
        variables: { id: read.caseId },
      },
      // The hub's own audit chain is the operator's.
      {
        caller: 'privacy_officer',
        query: `{ verifyAuditLog(municipality: "HUB") { ok } }`,
        variables: {},
        refused: 'FORBIDDEN',
      },
    ];
    const problems: string[] = [];
    for (const probe of probes) {
      const response = await gql(hub, probe.query, probe.variables, tokenOf(probe.caller, 'foreign'));
      const text = JSON.stringify(response);
      const leaked = markers.filter((m) => text.includes(m));
      if (leaked.length > 0) problems.push(`${probe.query}: leaked ${leaked.join(', ')}`);
      if (probe.refused && !errorCodes(response).includes(probe.refused)) problems.push(`${probe.query}: ${text}`);
      if (!probe.refused && errorCodes(response).some((c) => c !== 'NOT_FOUND'))
        problems.push(`${probe.query}: ${text}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers an allowed caller of Amsterdam with Amsterdam’s data (so the refusals above can fail)', async () => {
    const read = target.people.read;
    const worker = tokenOf('worker', 'own');
    const officer = tokenOf('privacy_officer', 'own');
    expect(
      JSON.stringify(await gql(hub, CALLS.case(target, true).query, CALLS.case(target, true).variables, worker)),
    ).toContain(read.surname);
    expect(JSON.stringify(await gql(hub, CALLS.cases(target, true).query, {}, worker))).toContain(read.caseId);
    const access = CALLS.subjectAccess(target, true);
    expect(JSON.stringify(await gql(hub, access.query, access.variables, officer))).toContain(read.signalId);
    expect(JSON.stringify(await gql(hub, CALLS.auditLog(target, true).query, {}, officer))).toContain(read.caseId);
    expect(JSON.stringify(await gql(hub, CALLS.workQueues(target, true).query, {}, worker))).toContain(
      target.queues.update,
    );
  });

  it('lets only Amsterdam’s workers hear of Amsterdam’s cases over graphql-ws', async () => {
    const url = `ws://127.0.0.1:${(hub.getHttpServer().address() as AddressInfo).port}/graphql`;
    const listeners = CALLERS.flatMap((caller) =>
      (['own', 'foreign'] as const).map((scope) => ({
        caller,
        scope,
        outcome: expectedOutcome(AUTHORIZATION_MATRIX.caseEvents, caller, scope),
        heard: subscribe(url, tokenOf(caller, scope)),
      })),
    );
    const own = listeners.find((l) => l.caller === 'worker' && l.scope === 'own')!;
    const foreign = listeners.find((l) => l.caller === 'worker' && l.scope === 'foreign')!;
    // Signals in both municipalities until each worker has heard one of its own: both live.
    let seed = 1300;
    const caseOf = async (municipality: string) => {
      const signals = generateSignals(reference, { count: 1, municipalities: [municipality], seed: seed++ });
      await producer.send(world.topics.signals, world.records(signals));
      return signals[0].signal.creditorSignalRef as string;
    };
    const storedCase = (ref: string) =>
      world.eventually(
        async () =>
          (await world.db.query(`SELECT case_id FROM signal WHERE creditor_signal_ref = $1`, [ref])).rows[0]
            ?.case_id as string | undefined,
        (id) => id !== undefined,
      );
    const ownCases: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const ours = await storedCase(await caseOf(OWN));
      const theirs = await storedCase(await caseOf(FOREIGN));
      ownCases.push(ours as string);
      const both = await world.eventually(
        async () => own.heard.events.includes(ours as string) && foreign.heard.events.includes(theirs as string),
        (heard) => heard,
        3_000,
      );
      if (both) break;
    }
    const problems = listeners.flatMap((l) => {
      const heardOwn = l.heard.events.filter((id) => ownCases.includes(id));
      const refusedCodes = [...l.heard.errors.map((e) => JSON.stringify(e)), ...l.heard.closed.map(String)];
      if (l.outcome === 'ALLOW') return heardOwn.length > 0 ? [] : [`${l.caller} (${l.scope}) heard nothing`];
      if (heardOwn.length > 0) return [`${l.caller} (${l.scope}) heard Amsterdam’s cases`];
      if (l.outcome === 'NO_DATA') return l.heard.events.length > 0 ? [] : [`${l.caller} (${l.scope}) heard nothing`];
      // No or an expired token: the socket is refused (4403); otherwise the guard's coded error.
      const refused =
        l.outcome === 'UNAUTHENTICATED'
          ? refusedCodes.some((c) => c === '4403' || c.includes('UNAUTHENTICATED'))
          : refusedCodes.some((c) => c.includes(l.outcome));
      return refused ? [] : [`${l.caller} (${l.scope}) not refused with ${l.outcome}: ${refusedCodes.join(' ')}`];
    });
    expect(problems).toEqual([]);
  });

  interface Heard {
    events: string[];
    errors: unknown[];
    closed: number[];
  }

  function subscribe(url: string, token: string | undefined): Heard {
    const heard: Heard = { events: [], errors: [], closed: [] };
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => heard.closed.push((event as CloseEvent).code) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    client.subscribe<{ caseEvents: { caseId: string } }>(
      { query: 'subscription { caseEvents { caseId kind } }' },
      {
        next: (value) => {
          if (value.data) heard.events.push(value.data.caseEvents.caseId);
          if (value.errors) heard.errors.push(...value.errors);
        },
        error: (error) => heard.errors.push(error),
        complete: () => undefined,
      },
    );
    return heard;
  }

  /** A worker token as an identity provider would sign it, with the given lifetime. */
  function signed(key: KeyObject, municipality: string, lifetimeSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: ['worker'], municipality })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject(`worker-${lifetimeSeconds}`)
      .setIssuer(DEV_ISSUER)
      .setAudience('signaalhub')
      .setIssuedAt(now - 3600)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(key);
  }
});

/** A synthetic signal under a surname no other seed has, for finding it in any response. */
function named(s: SyntheticSignal, surname: string): SyntheticSignal {
  return { ...s, signal: { ...s.signal, surname, email: `${surname.toLowerCase()}@example.org` } };
}
