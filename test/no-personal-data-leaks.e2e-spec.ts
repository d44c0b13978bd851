import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { dutchDateOf } from '@signaalhub/domain';
import type { ConsumedMessage, Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import request from 'supertest';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { gql, type GraphQLResponse } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

// Values no log line, dead letter or error response may contain. Each is unlike anything the hub
// would print on its own, so a hit is a leak and not a coincidence.
const SURNAME = 'Lekvrijdijk';
const FIRST_NAMES = 'Geheimhilde';
const EMAIL = 'geheimhilde.lekvrij@example.org';
const PHONE = '0612398745';
const STREET = 'Verborgenhofstraat';
const BIRTH_DATE = '1966-06-16';
const NOTE = 'Schuldenproblematiek besproken met Geheimhilde';
// Nine digits passing the eleven test: a well-formed BSN the hub must accept and never repeat.
const VALID_BSN = '111222333';
// Not passing the eleven test: refused, dead-lettered, and still never shown.
const INVALID_BSN = '123456789';
const SECRETS = [SURNAME, FIRST_NAMES, EMAIL, PHONE, STREET, BIRTH_DATE, NOTE, VALID_BSN, INVALID_BSN];

/** The secrets found in `text`; a JSON-escaped or base64-free search over everything captured. */
const leaked = (text: string) => SECRETS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

describe('no personal data where it does not belong: logs, dead letters, error responses', () => {
  const world = new HubWorld('noleaks', { seedCreditors: true });
  const logs: string[] = [];
  const responses: GraphQLResponse[] = [];
  const dead: ConsumedMessage[] = [];
  let hub: INestApplication;
  let producer: Producer;
  let worker: string;
  let officer: string;
  let person: SyntheticSignal;

  const failing = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await gql(hub, query, variables, token);
    expect(res.errors?.length).toBeGreaterThan(0);
    responses.push(res);
    return res;
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-dlq`, topics: [world.topics.deadLetter] });
    await reader.start(async (batch) => {
      dead.push(...batch.messages);
    });
    // Everything the hub logs, down to trace level, into memory instead of stdout.
    hub = await world.startHub(
      {},
      { logCapture: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } } },
    );
    worker = await world.token({ sub: 'worker-1', roles: ['worker'], municipality: 'GM0599' });
    officer = await world.token({ sub: 'fg-1', roles: ['privacy_officer'], municipality: 'GM0599' });

    const [a, b] = generateSignals(loadReferenceData(), {
      count: 2,
      municipalities: ['GM0599'],
      seed: 77,
      households: 1,
    });
    const known = {
      surname: SURNAME,
      firstNames: FIRST_NAMES,
      email: EMAIL,
      phone: PHONE,
      street: STREET,
      birthDate: BIRTH_DATE,
    };
    person = {
      creditorId: a.creditorId,
      signal: { ...a.signal, ...known, bsn: VALID_BSN, creditorSignalRef: 'LEAK-1' },
    };
    const refused = {
      creditorId: b.creditorId,
      signal: { ...b.signal, ...known, bsn: INVALID_BSN, creditorSignalRef: 'LEAK-2' },
    };
    producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records([person, refused]));
    await world.eventually(
      async () => (await world.count('SELECT count(*) FROM signal')) + dead.length,
      (n) => n >= 2,
    );
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await world.close();
  });

  it('stores the accepted signal without its BSN and dead-letters the other sealed', async () => {
    expect(await world.count(`SELECT count(*) FROM signal WHERE surname = $1`, [SURNAME])).toBe(1);
    expect(await world.tablesContaining(VALID_BSN)).toEqual([]);
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter.headers['x-reject-reason']?.toString()).toBe('INVALID_BSN');
    // The sealed bytes hold the signal (the key opens it) but not one value in clear.
    expect(world.openDeadLetter(letter).toString('latin1')).toContain(SURNAME);
    const onTopic = [letter.key, letter.value, ...Object.values(letter.headers)].map(
      (b) => b?.toString('latin1') ?? '',
    );
    expect(leaked(onTopic.join('\n'))).toEqual([]);
  });

  it('works the case and fails queries full of personal values without repeating any of them', async () => {
    const { rows } = await world.db.query(`SELECT case_id FROM signal WHERE surname = $1`, [SURNAME]);
    const caseId = rows[0].case_id as string;
    for (const [query, variables] of [
      [`mutation P($id: ID!) { pickUpCase(id: $id) { id } }`, { id: caseId }],
      [`mutation N($id: ID!, $t: String!) { addCaseNote(caseId: $id, text: $t) { id } }`, { id: caseId, t: NOTE }],
      [
        `mutation R($id: ID!, $d: String!) { recordContactAttempt(caseId: $id, input: { kind: PHONE, reached: true, date: $d }) { id } }`,
        { id: caseId, d: dutchDateOf(new Date()) },
      ],
      [
        `query C($id: ID!) { case(id: $id) { signals { surname firstNames email phone birthDate } notes { text } } }`,
        { id: caseId },
      ],
    ] as const) {
      expect((await gql(hub, query, variables, worker)).errors).toBeUndefined();
    }
    const subject = {
      surname: SURNAME,
      birthDate: BIRTH_DATE,
      postcode: String(person.signal.postcode),
      houseNumber: Number(person.signal.houseNumber),
    };
    const access = await gql(
      hub,
      `query A($p: DataSubjectInput!) { subjectAccess(person: $p) { signals { id } } }`,
      { p: subject },
      officer,
    );
    expect(access.errors).toBeUndefined();

    const ACCESS = `query A($p: DataSubjectInput!) { subjectAccess(person: $p) { signals { surname } } }`;
    // Refused by the domain's rules, by GraphQL's coercion, by validation, by the parser, by auth.
    await failing(ACCESS, { p: { ...subject, birthDate: `${BIRTH_DATE}x` } }, officer);
    await failing(ACCESS, { p: { ...subject, houseNumber: SURNAME } }, officer);
    await failing(ACCESS, { p: { ...subject, postcode: EMAIL } }, officer);
    await failing(ACCESS, { p: subject }, worker);
    await failing(ACCESS, { p: subject });
    await failing(`query { cases(first: "${SURNAME}") { edges { node { id } } } }`, {}, worker);
    await failing(
      `query { subjectAccess(person: { surname: "${SURNAME}", birthDate: ${PHONE} }) { signals { id } } }`,
      {},
      officer,
    );
    await failing(`query { case(id: "${EMAIL}") { id } }`, {}, worker);
    await failing(`query { case(id: "${STREET}" { id } }`, {}, worker);
    await failing(
      `mutation N($id: ID!, $t: String!) { addCaseNote(caseId: $id, text: $t) { id } }`,
      { id: caseId, t: `${NOTE} ${'x'.repeat(2100)}` },
      worker,
    );
    await failing(
      `mutation R($id: ID!, $c: RectificationInput!) { rectifySubject(signalId: $id, changes: $c) { } }`,
      { id: caseId, c: { email: EMAIL } },
      officer,
    );
    await failing(
      `mutation R($id: ID!, $c: RectificationInput!) { rectifySubject(signalId: $id, changes: $c) }`,
      {
        id: caseId,
        c: { email: `${EMAIL}${'x'.repeat(300)}`, surname: SURNAME },
      },
      officer,
    );
    // Not JSON at all, with personal data in the broken body.
    const broken = await request(hub.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(`{"query": "{ cases { edges { node { id } } } }", "variables": {"x": "${SURNAME}"`);
    responses.push({ errors: [{ message: broken.text }] });

    // The offending responses themselves, so a failure shows where the value came back.
    expect(responses.filter((res) => leaked(JSON.stringify(res)).length > 0)).toEqual([]);
    for (const res of responses) expect(JSON.stringify(res)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('has logged nothing personal', () => {
    // The capture works: the hub did log (requests, the ingest) at trace level.
    expect(logs.length).toBeGreaterThan(10);
    expect(leaked(logs.join('\n'))).toEqual([]);
  });
});
