import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { SignalInit } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { failCommitsWriting } from './support/fail-at-commit.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const ROUTE = `mutation Route($id: ID!, $m: String!, $reason: String) {
  routeSignal(signalId: $id, municipality: $m, overrideReason: $reason) { municipality caseId decision }
}`;

interface Routed {
  routeSignal: { municipality: string; caseId: string | null; decision: string };
}

describe('manual routing stays within the municipalities of the postcode, unless the operator says why', () => {
  const world = new HubWorld('manualroute', { seedCreditors: true });
  let hub: INestApplication;
  let operator: string;
  const ids: Record<string, string> = {};

  const routingOf = async (ref: string) =>
    (
      await world.db.query(`SELECT routing, routing_reason, municipality FROM signal WHERE creditor_signal_ref = $1`, [
        ref,
      ])
    ).rows[0];
  const routingAudits = async (signalId: string) =>
    (
      await world.db.query(
        `SELECT actor, actor_role, detail FROM audit_event WHERE action = 'SIGNAL_ROUTED_MANUALLY' AND subject_id = $1`,
        [signalId],
      )
    ).rows;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    const [base] = generateSignals(loadReferenceData(), { count: 1, municipalities: ['GM0363'], seed: 8 });
    const at = (ref: string, postcode: string, houseNumber: number) => ({
      creditorId: base.creditorId,
      signal: { ...(base.signal as SignalInit), creditorSignalRef: ref, postcode, houseNumber, place: '' },
    });
    const producer = await world.bus.createProducer();
    // PC4 1096 lies in Amsterdam and Ouder-Amstel; without a place name the hub holds these back.
    await producer.send(
      world.topics.signals,
      world.records([
        at('AMBIGUOUS-1', '1096AB', 1),
        at('AMBIGUOUS-2', '1096AB', 2),
        at('AMBIGUOUS-3', '1096AB', 3),
        at('UNKNOWN-1', '1000AA', 4),
      ]),
    );
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal WHERE routing = 'UNROUTED'`),
      (n) => n >= 4,
    );
    const { rows } = await world.db.query(`SELECT id, creditor_signal_ref AS ref FROM signal`);
    for (const row of rows) ids[row.ref] = row.id;
    expect(Object.keys(ids).sort()).toEqual(['AMBIGUOUS-1', 'AMBIGUOUS-2', 'AMBIGUOUS-3', 'UNKNOWN-1']);
    operator = await world.token({ roles: ['operator'], sub: 'operator-route' });
  });

  afterAll(() => world.close());

  it('audits the listing of unrouted signals: one row per listed signal, with the operator and role', async () => {
    const { rows: last } = await world.db.query(`SELECT coalesce(max(id), 0) AS id FROM audit_event`);
    const res = await gql<{ unroutedSignals: { edges: Array<{ node: { id: string } }> } }>(
      hub,
      '{ unroutedSignals(first: 3) { edges { node { id } } } }',
      {},
      operator,
    );
    expect(res.errors).toBeUndefined();
    const listed = res.data!.unroutedSignals.edges.map((e) => e.node.id).sort();
    expect(listed).toHaveLength(3);
    const { rows } = await world.db.query(
      `SELECT action, actor, actor_role, subject_type, subject_id FROM audit_event WHERE id > $1 ORDER BY subject_id`,
      [last[0].id],
    );
    expect(rows).toEqual(
      listed.map((id) => ({
        action: 'UNROUTED_SIGNALS_LISTED',
        actor: 'operator-route',
        actor_role: 'operator',
        subject_type: 'signal',
        subject_id: id,
      })),
    );
  });

  it('writes the audit row of a routing in its transaction: a routing that fails leaves none', async () => {
    const id = ids['AMBIGUOUS-3'];
    const undo = await failCommitsWriting(world.db, 'signal', `NEW.id = '${id}'::uuid AND NEW.routing = 'ROUTED'`);
    try {
      const res = await gql(hub, ROUTE, { id, m: 'GM0363' }, operator);
      expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await undo();
    }
    expect((await routingOf('AMBIGUOUS-3')).routing).toBe('UNROUTED');
    expect(await routingAudits(id)).toEqual([]);
    expect(await world.count(`SELECT count(*) FROM feedback_outbox WHERE creditor_signal_ref = 'AMBIGUOUS-3'`)).toBe(0);
  });

  it('refuses a municipality the postcode does not lie in, naming the candidates, and changes nothing', async () => {
    const res = await gql(hub, ROUTE, { id: ids['AMBIGUOUS-1'], m: 'GM0599' }, operator);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toBe(
      'The signal’s postcode lies in GM0363, GM0437: routing it elsewhere needs an overrideReason',
    );
    expect(await routingOf('AMBIGUOUS-1')).toEqual({
      routing: 'UNROUTED',
      routing_reason: 'AMBIGUOUS_POSTCODE',
      municipality: null,
    });
    expect(await routingAudits(ids['AMBIGUOUS-1'])).toEqual([]);
  });

  it('routes to a candidate without a reason, also by a historic code, and audits the candidates', async () => {
    // GM0457 Weesp merged into Amsterdam (GM0363) in 2022.
    const res = await gql<Routed>(hub, ROUTE, { id: ids['AMBIGUOUS-1'], m: 'GM0457' }, operator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.routeSignal).toMatchObject({ municipality: 'GM0363', decision: 'ACCEPTED' });
    expect(await routingOf('AMBIGUOUS-1')).toEqual({
      routing: 'ROUTED',
      routing_reason: 'MANUAL',
      municipality: 'GM0363',
    });
    expect(await routingAudits(ids['AMBIGUOUS-1'])).toEqual([
      {
        actor: 'operator-route',
        actor_role: 'operator',
        detail: {
          municipality: 'GM0363',
          candidates: ['GM0363', 'GM0437'],
          decision: 'ACCEPTED',
          reason: 'ACCEPTED',
        },
      },
    ]);
    // The signal joined its case: an event of that case, the timeline's "signal added".
    const events = await world.db.query(
      `SELECT case_id, municipality, kind, actor, detail FROM case_event WHERE detail->>'signalId' = $1`,
      [ids['AMBIGUOUS-1']],
    );
    expect(events.rows).toEqual([
      {
        case_id: res.data!.routeSignal.caseId,
        municipality: 'GM0363',
        kind: 'SIGNAL_ADDED',
        actor: null,
        detail: { signalId: ids['AMBIGUOUS-1'] },
      },
    ]);
  });

  it.each([
    ['too short', 'moved'],
    ['only blanks', '              '],
    ['too long', 'x'.repeat(501)],
    ['with a line break', 'moved to Rotterdam\nforged line'],
  ])('refuses an override reason %s', async (_name, reason) => {
    const res = await gql(hub, ROUTE, { id: ids['AMBIGUOUS-2'], m: 'GM0599', reason }, operator);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toMatch(/overrideReason/);
    expect((await routingOf('AMBIGUOUS-2')).routing).toBe('UNROUTED');
    expect(await routingAudits(ids['AMBIGUOUS-2'])).toEqual([]);
  });

  it('routes elsewhere with an override reason, kept in the audit row and marked on the signal', async () => {
    const reason = '  Debtor moved to Rotterdam per creditor phone call  ';
    const res = await gql<Routed>(hub, ROUTE, { id: ids['AMBIGUOUS-2'], m: 'GM0599', reason }, operator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.routeSignal.municipality).toBe('GM0599');
    expect(await routingOf('AMBIGUOUS-2')).toEqual({
      routing: 'ROUTED',
      routing_reason: 'MANUAL_OVERRIDE',
      municipality: 'GM0599',
    });
    const [audit] = await routingAudits(ids['AMBIGUOUS-2']);
    expect(audit).toMatchObject({ actor: 'operator-route', actor_role: 'operator' });
    expect(audit.detail).toMatchObject({
      municipality: 'GM0599',
      candidates: ['GM0363', 'GM0437'],
      overrideReason: reason.trim(),
    });
  });

  it('routes an unknown postcode only with an override reason', async () => {
    const refused = await gql(hub, ROUTE, { id: ids['UNKNOWN-1'], m: 'GM0363' }, operator);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toBe(
      'The signal’s postcode is not in the reference tables: routing it needs an overrideReason',
    );
    expect((await routingOf('UNKNOWN-1')).routing).toBe('UNROUTED');
    const reason = 'New-build street, postcode not yet in the PC4 table';
    const res = await gql<Routed>(hub, ROUTE, { id: ids['UNKNOWN-1'], m: 'GM0363', reason }, operator);
    expect(res.errors).toBeUndefined();
    expect(await routingOf('UNKNOWN-1')).toMatchObject({ routing: 'ROUTED', routing_reason: 'MANUAL_OVERRIDE' });
    const [audit] = await routingAudits(ids['UNKNOWN-1']);
    expect(audit.detail).toMatchObject({ municipality: 'GM0363', candidates: [], overrideReason: reason });
  });

  it('refuses routing to anyone but the operator', async () => {
    const worker = await world.token({ roles: ['worker'], municipality: 'GM0363' });
    const reason = 'Debtor moved to Amsterdam, confirmed';
    expect(errorCodes(await gql(hub, ROUTE, { id: ids['AMBIGUOUS-3'], m: 'GM0363', reason }, worker))).toEqual([
      'FORBIDDEN',
    ]);
    expect((await routingOf('AMBIGUOUS-3')).routing).toBe('UNROUTED');
    expect(await routingAudits(ids['AMBIGUOUS-3'])).toEqual([]);
  });
});
