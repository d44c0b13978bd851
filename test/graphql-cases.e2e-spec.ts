import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const CASES = `query Cases($first: Int, $after: String, $filter: CaseFilter) {
  cases(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id municipality creditorCount creditorSpread totalAmountCents sectors signalCount } }
  }
}`;
const CASE = `query Case($id: ID!) {
  case(id: $id) {
    id municipality creditorCount
    household { postcode houseNumber houseNumberAddition place }
    signals { id creditorId sector amountCents surname }
  }
}`;

interface CasesData {
  cases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        municipality: string;
        creditorCount: number;
        creditorSpread: string;
        totalAmountCents: string;
        sectors: string[];
        signalCount: number;
      };
    }>;
  };
}

describe('GraphQL: a worker works the cases of their own municipality', () => {
  const world = new HubWorld('graphql', { seedCreditors: true });
  let hub: INestApplication;
  let amsterdam: string;
  let rotterdam: string;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    const producer = await world.bus.createProducer();
    const signals = generateSignals(loadReferenceData(), {
      count: 400,
      municipalities: ['GM0363', 'GM0599'],
      seed: 5,
      households: 220,
    });
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 400,
    );
    amsterdam = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-ams' });
    rotterdam = await world.token({ roles: ['worker'], municipality: 'GM0599', sub: 'worker-rdam' });
  });

  afterAll(() => world.close());

  it('serves the SDL committed at apps/hub/schema.graphql (UPDATE_SCHEMA=1 rewrites it)', () => {
    const sdl = printSchema(lexicographicSortSchema(hub.get(GraphQLSchemaHost).schema));
    const file = new URL('../apps/hub/schema.graphql', import.meta.url);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, sdl + '\n');
    expect(readFileSync(file, 'utf8')).toBe(sdl + '\n');
  });

  it('refuses a request without a token, or with a token not signed by a trusted key', async () => {
    expect(errorCodes(await gql(hub, CASES))).toEqual(['UNAUTHENTICATED']);
    const stranger = new HubWorld('graphql_stranger');
    const forged = await stranger.token({ roles: ['worker'], municipality: 'GM0363' });
    await stranger.close();
    const response = await gql(hub, CASES, {}, forged);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });

  it('refuses roles that do not work cases', async () => {
    const operator = await world.token({ roles: ['operator'] });
    expect(errorCodes(await gql(hub, CASES, {}, operator))).toEqual(['FORBIDDEN']);
  });

  it('lists exactly the cases of the worker’s municipality, page by page', async () => {
    const expected = await world.count(`SELECT count(*) FROM signal_case WHERE municipality = 'GM0363'`);
    expect(expected).toBeGreaterThan(20);
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof gql<CasesData>>> = await gql<CasesData>(
        hub,
        CASES,
        { first: 25, after },
        amsterdam,
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.cases;
      expect(page.totalCount).toBe(expected);
      for (const edge of page.edges) {
        expect(edge.node.municipality).toBe('GM0363');
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(expected);
  });

  it('counts the matching cases only when the query asks for totalCount', async () => {
    const PAGE_ONLY = `query { cases(first: 5, filter: { status: NEW }) { edges { node { id signals { id } } } } }`;
    const WITH_TOTAL = `query { cases(first: 5, filter: { status: NEW }) { totalCount edges { node { id } } } }`;
    const dataSource = hub.get(DataSource);
    const spy = jest.spyOn(dataSource, 'query');
    const countsIssued = () =>
      spy.mock.calls.filter(([sql]) => /count\(\*\)[\s\S]*FROM signal_case/i.test(String(sql))).length;
    try {
      const pageOnly = await gql<CasesData>(hub, PAGE_ONLY, {}, amsterdam);
      expect(pageOnly.errors).toBeUndefined();
      expect(pageOnly.data!.cases.edges.length).toBeGreaterThan(0);
      expect(countsIssued()).toBe(0);

      const withTotal = await gql<CasesData>(hub, WITH_TOTAL, {}, amsterdam);
      expect(withTotal.errors).toBeUndefined();
      expect(countsIssued()).toBe(1);
      expect(withTotal.data!.cases.totalCount).toBe(
        await world.count(`SELECT count(*) FROM signal_case WHERE municipality = 'GM0363' AND status = 'NEW'`),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('audits each listing: one row per listed case, with the worker, role and municipality', async () => {
    const { rows: before } = await world.db.query(`SELECT coalesce(max(id), 0) AS id FROM audit_event`);
    const res = await gql<CasesData>(hub, CASES, { first: 7 }, amsterdam);
    expect(res.errors).toBeUndefined();
    const listed = res.data!.cases.edges.map((e) => e.node.id).sort();
    expect(listed).toHaveLength(7);
    const { rows } = await world.db.query(
      `SELECT action, actor, actor_role, municipality, subject_type, subject_id FROM audit_event
       WHERE id > $1 ORDER BY subject_id`,
      [before[0].id],
    );
    expect(rows).toEqual(
      listed.map((id) => ({
        action: 'CASES_LISTED',
        actor: 'worker-ams',
        actor_role: 'worker',
        municipality: 'GM0363',
        subject_type: 'case',
        subject_id: id,
      })),
    );
  });

  it('filters on creditor spread, sector and minimum amount', async () => {
    const multi = await gql<CasesData>(hub, CASES, { first: 200, filter: { creditorSpread: 'MULTI' } }, amsterdam);
    const multiCount = await world.count(
      `SELECT count(*) FROM signal_case WHERE municipality = 'GM0363' AND creditor_count > 1`,
    );
    expect(multiCount).toBeGreaterThan(0);
    expect(multi.data!.cases.totalCount).toBe(multiCount);
    expect(multi.data!.cases.edges.length).toBeGreaterThan(0);
    expect(multi.data!.cases.edges.every((e) => e.node.creditorCount > 1 && e.node.creditorSpread === 'MULTI')).toBe(
      true,
    );

    const water = await gql<CasesData>(hub, CASES, { first: 200, filter: { sector: 'WATER' } }, amsterdam);
    expect(water.data!.cases.totalCount).toBe(
      await world.count(`SELECT count(*) FROM signal_case WHERE municipality = 'GM0363' AND 'WATER' = ANY (sectors)`),
    );
    expect(water.data!.cases.edges.length).toBeGreaterThan(0);
    expect(water.data!.cases.edges.every((e) => e.node.sectors.includes('WATER'))).toBe(true);

    const large = await gql<CasesData>(hub, CASES, { first: 200, filter: { minimumAmountCents: 200000 } }, amsterdam);
    expect(large.data!.cases.edges.length).toBeGreaterThan(0);
    expect(large.data!.cases.edges.every((e) => BigInt(e.node.totalAmountCents) >= 200000n)).toBe(true);
    expect(large.data!.cases.totalCount).toBe(
      await world.count(
        `SELECT count(*) FROM signal_case WHERE municipality = 'GM0363' AND total_amount_cents >= 200000`,
      ),
    );
  });

  it('shows one case with its household and signals, and audits the access', async () => {
    const { rows } = await world.db.query(
      `SELECT c.id, count(s.id)::int AS n FROM signal_case c JOIN signal s ON s.case_id = c.id
       WHERE c.municipality = 'GM0363' GROUP BY c.id ORDER BY count(s.id) DESC LIMIT 1`,
    );
    const res = await gql<{
      case: { id: string; household: { postcode: string }; signals: Array<{ creditorId: string }> };
    }>(hub, CASE, { id: rows[0].id }, amsterdam);
    expect(res.errors).toBeUndefined();
    expect(res.data!.case.signals).toHaveLength(rows[0].n);
    expect(res.data!.case.household.postcode).toMatch(/^[1-9]\d{3}[A-Z]{2}$/);
    expect(
      await world.count(
        `SELECT count(*) FROM audit_event WHERE action = 'CASE_VIEWED' AND subject_id = $1 AND actor = 'worker-ams' AND municipality = 'GM0363'`,
        [rows[0].id],
      ),
    ).toBe(1);
  });

  it('never shows a worker a case of another municipality, not even by its id', async () => {
    const { rows } = await world.db.query(`SELECT id FROM signal_case WHERE municipality = 'GM0363' LIMIT 1`);
    const guessed = await gql(hub, CASE, { id: rows[0].id }, rotterdam);
    expect(errorCodes(guessed)).toEqual(['NOT_FOUND']);
    const unknown = await gql(hub, CASE, { id: '00000000-0000-4000-8000-000000000000' }, rotterdam);
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    // Same answer for "exists elsewhere" and "does not exist": nothing is confirmed.
    expect(guessed.errors![0].message).toBe(unknown.errors![0].message);

    const list = await gql<CasesData>(hub, CASES, { first: 200 }, rotterdam);
    expect(list.data!.cases.edges.length).toBeGreaterThan(0);
    expect(list.data!.cases.edges.every((e) => e.node.municipality === 'GM0599')).toBe(true);
    expect(
      await world.count(`SELECT count(*) FROM audit_event WHERE actor = 'worker-rdam' AND action = 'CASE_VIEWED'`),
    ).toBe(0);
  });

  it('answers bad input with BAD_USER_INPUT and never a stack trace', async () => {
    const badCursor = await gql(hub, CASES, { after: 'not-a-cursor' }, amsterdam);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await gql(hub, CASES, { first: 5000 }, amsterdam);
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    for (const res of [badCursor, tooMany]) {
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/i);
    }
  });
});
