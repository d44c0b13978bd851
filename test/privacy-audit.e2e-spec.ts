import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadReferenceData } from '@signaalhub/reference';
import request from 'supertest';
import { generateSignals } from '../apps/connectors/src/index.js';
import { AuditService, personalDataFields, type Principal } from '../apps/hub/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const VERIFY = `query V($m: String!, $from: DateTime, $to: DateTime) {
  verifyAuditLog(municipality: $m, from: $from, to: $to) { ok entries firstBrokenSequence firstBrokenEntryId reason }
}`;
const LOG = `query L($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id sequence actor municipality activity legalBasis action subjectType subjectId requestId } }
  }
}`;

interface Verification {
  verifyAuditLog: {
    ok: boolean;
    entries: number;
    firstBrokenSequence: string | null;
    firstBrokenEntryId: string | null;
    reason: string | null;
  };
}
interface LogNode {
  id: string;
  sequence: string;
  actor: string;
  municipality: string | null;
  activity: string;
  legalBasis: string;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string | null;
}
interface Log {
  auditLog: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: LogNode }> };
}

/** Where each type with declared personal fields is read, and by whom. */
const READ_PATHS: Record<string, { role: 'worker' | 'operator'; query: (field: string) => string }> = {
  Case: { role: 'worker', query: (f) => `query($id: ID!) { case(id: $id) { id ${f} } }` },
  Signal: { role: 'worker', query: (f) => `query($id: ID!) { case(id: $id) { signals { id ${f} } } }` },
  Household: { role: 'worker', query: (f) => `query($id: ID!) { case(id: $id) { household { ${f} } } }` },
  ContactAttempt: { role: 'worker', query: (f) => `query($id: ID!) { case(id: $id) { contactAttempts { id ${f} } } }` },
  CaseNote: { role: 'worker', query: (f) => `query($id: ID!) { case(id: $id) { notes { id ${f} } } }` },
  CaseTimelineEntry: {
    role: 'worker',
    query: (f) => `query($id: ID!) { case(id: $id) { timeline { edges { node { id ${f} } } } } }`,
  },
  UnroutedSignal: { role: 'operator', query: (f) => `{ unroutedSignals { edges { node { id ${f} } } } }` },
};

describe('privacy: a tamper-evident audit trail that follows the declaration of personal data', () => {
  const world = new HubWorld('privacy_audit', { seedCreditors: true });
  let hub: INestApplication;
  let tokens: Record<string, string>;
  let caseId: string;

  const lastId = async () =>
    (await world.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`)).rows[0].id as string;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    const signals = generateSignals(loadReferenceData(), {
      count: 40,
      municipalities: ['GM0363', 'GM0599'],
      seed: 9,
      households: 30,
    });
    signals[0] = { ...signals[0]!, signal: { ...signals[0]!.signal, postcode: '9999 ZZ' } };
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal`),
      (n) => n >= 40,
    );
    tokens = {
      worker: await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-ams' }),
      officer: await world.token({ roles: ['privacy_officer'], municipality: 'GM0363', sub: 'fg-ams' }),
      officerRdam: await world.token({ roles: ['privacy_officer'], municipality: 'GM0599', sub: 'fg-rdam' }),
      workerRdam: await world.token({ roles: ['worker'], municipality: 'GM0599', sub: 'worker-rdam' }),
      operator: await world.token({ roles: ['operator'], sub: 'operator-1' }),
    };
    const { rows } = await world.db.query(`SELECT id FROM signal_case WHERE municipality = 'GM0363' LIMIT 1`);
    caseId = rows[0].id;
    const worked = await gql(
      hub,
      `mutation($id: ID!, $at: DateTime!) {
        pickUpCase(id: $id) { id }
        recordContactAttempt(caseId: $id, input: { kind: PHONE, reached: false, at: $at }) { id }
        addCaseNote(caseId: $id, text: "Gebeld, geen gehoor") { id }
      }`,
      { id: caseId, at: new Date().toISOString() },
      tokens.worker,
    );
    expect(worked.errors).toBeUndefined();
  });

  afterAll(() => world.close());

  it('writes one entry per object for every declared personal field a reader reads, and none for other fields', async () => {
    const declared = personalDataFields(hub.get(GraphQLSchemaHost).schema);
    expect(declared.length).toBeGreaterThan(20);
    for (const { type, field } of declared) {
      const path = READ_PATHS[type.name];
      expect([type.name, path !== undefined]).toEqual([type.name, true]);
      const before = await lastId();
      const response = await gql<Record<string, unknown>>(hub, path!.query(field), { id: caseId }, tokens[path!.role]);
      expect([type.name, field, response.errors]).toEqual([type.name, field, undefined]);
      const read = collect(response.data, field);
      expect([type.name, field, read.length > 0]).toEqual([type.name, field, true]);
      const { rows } = await world.db.query(
        `SELECT subject_id, detail, activity FROM audit_event WHERE id > $1 AND action = 'PERSONAL_DATA_READ'`,
        [before],
      );
      // Exactly one entry per object read, naming only this field.
      expect([type.name, field, rows.length]).toEqual([type.name, field, read.length]);
      expect(new Set(rows.map((r) => r.subject_id)).size).toBe(rows.length);
      for (const row of rows) expect(row.detail).toEqual({ fields: [field] });
      expect(rows[0].activity).toBe(path!.role === 'worker' ? 'WORK_CASE' : 'OPERATE_REGISTRY');
    }

    const before = await lastId();
    const plain = await gql(
      hub,
      `query($id: ID!) { case(id: $id) { id status signalCount signals { id sector } notes { id author } } }`,
      { id: caseId },
      tokens.worker,
    );
    expect(plain.errors).toBeUndefined();
    expect(
      await world.count(`SELECT count(*) FROM audit_event WHERE id > $1 AND action = 'PERSONAL_DATA_READ'`, [before]),
    ).toBe(0);
  });

  it('names the request: entries carry the x-request-id the response carries', async () => {
    const res = await request(hub.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${tokens.worker}`)
      .set('x-request-id', 'trace-audit-0001')
      .send({ query: `query($id: ID!) { case(id: $id) { id signals { id surname } } }`, variables: { id: caseId } });
    expect(res.body.errors).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('trace-audit-0001');
    const { rows } = await world.db.query(
      `SELECT DISTINCT action FROM audit_event WHERE request_id = 'trace-audit-0001' ORDER BY action`,
    );
    expect(rows.map((r) => r.action)).toEqual(['CASE_VIEWED', 'PERSONAL_DATA_READ']);
  });

  it('lets a privacy officer page and filter their municipality’s log, and export it as CSV (itself audited)', async () => {
    const all: LogNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof gql<Log>>> = await gql<Log>(
        hub,
        LOG,
        { filter: { caseId }, first: 3, after },
        tokens.officer,
      );
      expect(page.errors).toBeUndefined();
      all.push(...page.data!.auditLog.edges.map((e) => e.node));
      if (!page.data!.auditLog.pageInfo.hasNextPage) break;
      after = page.data!.auditLog.pageInfo.endCursor;
    }
    const expected = await world.count(
      `SELECT count(*) FROM audit_event WHERE municipality = 'GM0363' AND subject_type = 'case' AND subject_id = $1`,
      [caseId],
    );
    expect(all).toHaveLength(expected);
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
    expect(all.every((n) => n.subjectId === caseId && n.municipality === 'GM0363')).toBe(true);
    expect(all.map((n) => n.action)).toEqual(expect.arrayContaining(['CASE_PICKED_UP', 'CASE_NOTE_ADDED']));
    expect(all[0]!.legalBasis).toContain('Wgs art. 3a');

    const byActivity = await gql<Log>(hub, LOG, { filter: { activity: 'SUPERVISE_PRIVACY' } }, tokens.officer);
    expect(byActivity.data!.auditLog.edges.map((e) => e.node.action)).toContain('AUDIT_LOG_READ');
    expect(byActivity.data!.auditLog.edges.every((e) => e.node.activity === 'SUPERVISE_PRIVACY')).toBe(true);

    const csv = await gql<{ auditLogCsv: string }>(
      hub,
      `query($f: AuditLogFilter) { auditLogCsv(filter: $f, maxRows: 2) }`,
      { f: { actor: 'worker-ams' } },
      tokens.officer,
    );
    expect(csv.errors).toBeUndefined();
    const lines = csv.data!.auditLogCsv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^sequence,occurredAt,actor,/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'worker-ams')).toBe(true);
    expect(
      await world.count(`SELECT count(*) FROM audit_event WHERE action = 'AUDIT_LOG_EXPORTED' AND actor = 'fg-ams'`),
    ).toBe(1);
  });

  it('keeps each officer to their own municipality, and workers and operators out of the log', async () => {
    expect((await gql(hub, `{ cases(first: 2) { totalCount } }`, {}, tokens.workerRdam)).errors).toBeUndefined();
    const rdam = await gql<Log>(hub, LOG, { first: 200 }, tokens.officerRdam);
    expect(rdam.errors).toBeUndefined();
    expect(rdam.data!.auditLog.edges.length).toBeGreaterThan(0);
    expect(rdam.data!.auditLog.edges.every((e) => e.node.municipality === 'GM0599')).toBe(true);
    const none = await gql<Log>(hub, LOG, { filter: { caseId } }, tokens.officerRdam);
    expect(none.data!.auditLog.edges.filter((e) => e.node.action !== 'CASE_VIEWED')).toEqual([]);
    expect(errorCodes(await gql(hub, VERIFY, { m: 'GM0363' }, tokens.officerRdam))).toEqual(['FORBIDDEN']);

    for (const token of [tokens.worker, tokens.operator]) {
      expect(errorCodes(await gql(hub, LOG, {}, token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await gql(hub, `{ auditLogCsv }`, {}, token))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await gql(hub, VERIFY, { m: 'GM0363' }, tokens.worker))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, LOG, { after: 'bm90LWEtY3Vyc29y' }, tokens.officer))).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps one valid chain when two hub instances write for one municipality at once', async () => {
    const second = await world.startHub();
    try {
      const reads = Array.from({ length: 24 }, (_, i) =>
        gql(
          hub && i % 2 ? hub : second,
          `query($id: ID!) { case(id: $id) { id signals { surname } } }`,
          {
            id: caseId,
          },
          tokens.worker,
        ),
      );
      const results = await Promise.all(reads);
      expect(results.every((r) => r.errors === undefined)).toBe(true);
    } finally {
      await world.stopHub(second);
    }
    const { rows } = await world.db.query(
      `SELECT count(*)::int AS n, max(sequence)::int AS last FROM audit_event WHERE municipality = 'GM0363'`,
    );
    expect(rows[0].n).toBe(rows[0].last);
    const verified = await gql<Verification>(hub, VERIFY, { m: 'GM0363' }, tokens.officer);
    expect(verified.data!.verifyAuditLog).toMatchObject({ ok: true, entries: rows[0].n, reason: null });
  });

  it('appends concurrent reads in shared transactions, and one bad entry fails only its own caller', async () => {
    const audit = hub.get(AuditService);
    const reader: Principal = { subject: 'group-reader', roles: ['worker'], municipality: 'GM0363', creditor: null };
    const read = (subject: string, principal = reader) =>
      audit.record(principal, { action: 'CASE_VIEWED', subjectType: 'case', subjectIds: [subject] });

    // Recorded in one turn: the first starts a transaction, the other 29 wait for it and go in the next.
    await Promise.all(Array.from({ length: 30 }, (_, i) => read(`grouped-${i}`)));
    const grouped = await world.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT occurred_at)::int AS transactions
       FROM audit_event WHERE actor = 'group-reader' AND subject_id LIKE 'grouped-%'`,
    );
    expect(grouped.rows[0]).toEqual({ n: 30, transactions: 2 });

    // A municipality code the column cannot hold: the database refuses that entry, and only that one.
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => read(`isolated-${i}`)),
      read('refused', { ...reader, municipality: 'GM03630' }),
    ]);
    expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[10]).toMatchObject({ status: 'rejected', reason: { code: '22001' } });
    const isolated = await world.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor = 'group-reader' AND subject_id LIKE 'isolated-%'`,
    );
    expect(isolated.rows[0].n).toBe(10);
    const verified = await gql<Verification>(hub, VERIFY, { m: 'GM0363' }, tokens.officer);
    expect(verified.data!.verifyAuditLog).toMatchObject({ ok: true, reason: null });
  });

  it('names the entry a superuser changed, the one they deleted, and a deleted newest entry', async () => {
    const tamper = async (sql: string, params: unknown[]) => {
      await world.db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      try {
        await world.db.query(sql, params);
      } finally {
        await world.db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      }
    };
    const middle = async (municipality: string) =>
      (
        await world.db.query(
          `SELECT id::text, sequence::text FROM audit_event WHERE municipality = $1
           ORDER BY sequence OFFSET (SELECT count(*) / 2 FROM audit_event WHERE municipality = $1) LIMIT 1`,
          [municipality],
        )
      ).rows[0] as { id: string; sequence: string };

    const changed = await middle('GM0363');
    await tamper(`UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, [changed.id]);
    const afterChange = await gql<Verification>(hub, VERIFY, { m: 'GM0363' }, tokens.officer);
    expect(afterChange.data!.verifyAuditLog).toMatchObject({
      ok: false,
      firstBrokenSequence: changed.sequence,
      firstBrokenEntryId: changed.id,
      reason: 'HASH_MISMATCH',
    });

    const deleted = await middle('GM0599');
    const whole = await gql<Verification>(hub, VERIFY, { m: 'GM0599' }, tokens.officerRdam);
    expect(whole.data!.verifyAuditLog.ok).toBe(true);
    await tamper(`DELETE FROM audit_event WHERE id = $1`, [deleted.id]);
    const afterDelete = await gql<Verification>(hub, VERIFY, { m: 'GM0599' }, tokens.officerRdam);
    expect(afterDelete.data!.verifyAuditLog).toMatchObject({
      ok: false,
      firstBrokenSequence: deleted.sequence,
      firstBrokenEntryId: null,
      reason: 'MISSING',
    });

    const hubChain = await gql<Verification>(hub, VERIFY, { m: 'HUB' }, tokens.operator);
    expect(hubChain.data!.verifyAuditLog.ok).toBe(true);
    const newest = (
      await world.db.query(
        `SELECT id, sequence::text FROM audit_event WHERE municipality IS NULL ORDER BY sequence DESC LIMIT 1`,
      )
    ).rows[0] as { id: string; sequence: string };
    await tamper(`DELETE FROM audit_event WHERE id = $1`, [newest.id]);
    const afterTail = await gql<Verification>(hub, VERIFY, { m: 'HUB' }, tokens.operator);
    expect(afterTail.data!.verifyAuditLog).toMatchObject({
      ok: false,
      firstBrokenSequence: newest.sequence,
      reason: 'MISSING',
    });
    // The trigger holds again for everybody.
    await expect(world.db.query(`DELETE FROM audit_event WHERE id = $1`, [changed.id])).rejects.toThrow(
      'audit_event is append-only',
    );
  });
});

/** Every object in a response that carries `field`. */
function collect(data: unknown, field: string): unknown[] {
  if (Array.isArray(data)) return data.flatMap((d) => collect(d, field));
  if (data === null || typeof data !== 'object') return [];
  const found = field in data ? [data] : [];
  return [...found, ...Object.values(data).flatMap((v) => collect(v, field))];
}
