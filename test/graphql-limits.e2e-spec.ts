import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import request from 'supertest';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const NODE_FIELDS = 'id municipality creditorCount creditorSpread totalAmountCents sectors signalCount';
const PAGE = `query Page($first: Int) { cases(first: $first) { totalCount edges { node { ${NODE_FIELDS} } } } }`;

/** Posts raw, to see the HTTP status and headers next to the GraphQL answer. */
function post(app: INestApplication, query: string, token?: string, variables: Record<string, unknown> = {}) {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  return req.send({ query, variables });
}

/** `{ __schema { types { fields { type { ofType { … { name } } } } } } }`, `depth` fields deep. */
function introspectionOfDepth(depth: number): string {
  let selection = 'name';
  for (let i = 5; i < depth; i++) selection = `ofType { ${selection} }`;
  return `{ __schema { types { fields { type { ${selection} } } } } }`;
}

describe('GraphQL limits: cost, size, aliases, depth and rate are refused before anything runs', () => {
  const world = new HubWorld('gqllimits', { seedCreditors: true });
  let hub: INestApplication;
  let worker: string;
  const audits = () => world.count(`SELECT count(*) FROM audit_event WHERE actor <> 'dev-seed'`);

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    const signals = generateSignals(loadReferenceData(), { count: 30, municipalities: ['GM0363'], seed: 21 });
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 30,
    );
    worker = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-limits' });
  });

  afterAll(() => world.close());

  it('answers a normal page of cases, and audits it', async () => {
    const before = await audits();
    const res = await gql<{ cases: { edges: unknown[] } }>(hub, PAGE, { first: 25 }, worker);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cases.edges.length).toBeGreaterThan(0);
    expect(await audits()).toBe(before + res.data!.cases.edges.length);
  });

  it('tells browsers and proxies to keep no answer, also a refused one', async () => {
    const answered = await post(hub, PAGE, worker, { first: 5 });
    expect(answered.status).toBe(200);
    expect(answered.headers['cache-control']).toBe('no-store');
    const refused = await post(hub, `{ ${'a: __typename '.repeat(2)}`, worker);
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('refuses 300 aliases of cases(first: 200) as a whole: no case read, no audit row', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: cases(first: 200) { totalCount }`).join('\n');
    const before = await audits();
    const res = await post(hub, `{ ${aliases} }`, worker);
    expect(res.status).toBe(400);
    expect(errorCodes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors[0].message).toBe('Query has 300 root fields; at most 10 are allowed');
    expect(res.body.data).toBeUndefined();
    expect(await audits()).toBe(before);
  });

  it('refuses a query over the cost limit, with its cost and the limit, whatever the variables hide', async () => {
    const costly = `query Costly($n: Int) {
      a: cases(first: $n) { edges { node { signals { id creditorId sector amountCents surname } } } }
      b: cases(first: $n) { edges { node { signals { id creditorId sector amountCents surname } } } }
    }`;
    const before = await audits();
    const res = await post(hub, costly, worker, { n: 200 });
    expect(res.status).toBe(400);
    expect(errorCodes(res.body)).toEqual(['BAD_USER_INPUT']);
    // 2 × (1 + 200 × (edges 1 + node 1 + signals (1 + 10 × 5 fields)))
    expect(res.body.errors[0].message).toBe('Query costs 21202; at most 20000 is allowed');
    expect(await audits()).toBe(before);
    // The same document with small pages is served.
    const small = await gql<{ a: { edges: unknown[] } }>(hub, costly, { n: 5 }, worker);
    expect(small.errors).toBeUndefined();
    expect(small.data!.a.edges.length).toBeGreaterThan(0);
  });

  it('refuses too many aliases, even spread over nested fields', async () => {
    const nested = Array.from({ length: 21 }, (_, i) => `t${i}: totalCount`).join(' ');
    const res = await post(hub, `{ cases(first: 1) { ${nested} } }`, worker);
    expect(errorCodes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors[0].message).toBe('Query has 21 aliases; at most 20 are allowed');
  });

  it('refuses a query text over the byte limit and a document over the token limit', async () => {
    const before = await audits();
    const padded = await post(hub, `# ${'x'.repeat(17_000)}\n{ cases(first: 1) { totalCount } }`, worker);
    expect(padded.status).toBe(400);
    expect(errorCodes(padded.body)).toEqual(['BAD_USER_INPUT']);
    expect(padded.body.errors[0].message).toMatch(/^Query is \d+ bytes; at most 16384 are allowed$/);

    const tokens = await post(hub, `{ cases(first: 1) { ${'totalCount '.repeat(5_000)} } }`, worker);
    expect(tokens.status).toBe(400);
    expect(errorCodes(tokens.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(tokens.body.errors[0].message).toMatch(/5000 tokens/);
    expect(await audits()).toBe(before);
  });

  it('refuses a query deeper than 8 levels on the hub’s own schema with BAD_USER_INPUT', async () => {
    const eight = await post(hub, introspectionOfDepth(8), worker);
    expect(eight.body.errors).toBeUndefined();
    expect(eight.body.data.__schema.types.length).toBeGreaterThan(0);
    const nine = await post(hub, introspectionOfDepth(9), worker);
    expect(nine.status).toBe(400);
    expect(errorCodes(nine.body)).toEqual(['BAD_USER_INPUT']);
    expect(nine.body.errors[0].message).toBe('Query is 9 levels deep; at most 8 are allowed');
    expect(nine.body.data).toBeUndefined();
  });

  it('limits requests per token subject, once per request, with the wait in the answer', async () => {
    const limited = await world.startHub({
      INGEST_ENABLED: 'false',
      OUTBOX_RELAY_ENABLED: 'false',
      GRAPHQL_RATE_LIMIT_REQUESTS: '3',
      GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
    const one = `{ cases(first: 1) { edges { node { id } } } }`;
    const two = `{ a: cases(first: 1) { edges { node { id } } } b: cases(first: 1) { totalCount } }`;
    // Two root fields in one request are charged once.
    const both = await post(limited, two, worker);
    expect(both.body.errors).toBeUndefined();
    expect(both.body.data.a.edges).toHaveLength(1);
    for (let i = 0; i < 2; i++) expect((await post(limited, one, worker)).body.errors).toBeUndefined();

    const before = await audits();
    const refused = await post(limited, two, worker);
    // Decided during execution, so GraphQL's status 200 (Nest resets it); the code and header tell.
    const codes = errorCodes(refused.body);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code === 'RATE_LIMITED')).toBe(true);
    // One token per 20 minutes: the wait is the time until the next one.
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(1200);
    expect(refused.headers['retry-after']).toBe('1200');
    expect(refused.body.data).toBeNull();
    expect(await audits()).toBe(before);

    // Another subject has its own budget.
    const colleague = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-colleague' });
    expect((await post(limited, one, colleague)).body.errors).toBeUndefined();
    await world.stopHub(limited);
  });
});

describe('GraphQL in production: no introspection', () => {
  const world = new HubWorld('gqlprod');
  let production: INestApplication;
  let development: INestApplication;
  let worker: string;

  beforeAll(async () => {
    await world.databaseUrl;
    const apiOnly = { INGEST_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' };
    production = await world.startHub({ ...apiOnly, NODE_ENV: 'production' });
    development = await world.startHub({ ...apiOnly, NODE_ENV: 'development' });
    worker = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-prod' });
  });

  afterAll(() => world.close());

  it.each([
    ['the schema', '{ __schema { queryType { name } } }'],
    ['a type', '{ __type(name: "Case") { fields { name } } }'],
  ])('refuses introspection of %s in production, and answers it elsewhere', async (_name, query) => {
    const refused = await post(production, query, worker);
    expect(refused.status).toBe(400);
    expect(errorCodes(refused.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.body.errors[0].message).toMatch(/introspection/i);
    expect(refused.body.data).toBeUndefined();
    expect((await post(development, query, worker)).body.errors).toBeUndefined();
  });

  it('still serves ordinary queries in production', async () => {
    const res = await post(production, '{ cases(first: 1) { totalCount } }', worker);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cases.totalCount).toBe(0);
  });
});
