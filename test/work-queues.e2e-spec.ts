import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Sector } from '@signaalhub/contracts';
import { addDays, dutchDateOf } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { UrgencyRecomputeService } from '../apps/hub/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const CASES = `query Cases($first: Int, $after: String, $orderBy: CaseOrder, $queue: ID, $filter: CaseFilter) {
  cases(first: $first, after: $after, orderBy: $orderBy, queue: $queue, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id creditorSpread creditorCount assignedTo urgency { score version factors { name value points } } } }
  }
}`;
const CASE = `query Case($id: ID!) {
  case(id: $id) { id status result closedAt assignedTo predecessor { id } urgency { score factors { name value points } } }
}`;
const QUEUE_FIELDS = `id name sectors minimumDaysInArrears pc4s creditorSpread unassigned openCaseCount`;
const CREATE_QUEUE = `mutation C($input: WorkQueueInput!) { createWorkQueue(input: $input) { ${QUEUE_FIELDS} } }`;
const UPDATE_QUEUE = `mutation U($id: ID!, $input: WorkQueueInput!) { updateWorkQueue(id: $id, input: $input) { ${QUEUE_FIELDS} } }`;
const DELETE_QUEUE = `mutation D($id: ID!) { deleteWorkQueue(id: $id) }`;
const QUEUES = `{ workQueues { ${QUEUE_FIELDS} } }`;
const ASSIGN = `mutation A($id: ID!, $worker: String) { assignCase(id: $id, worker: $worker) { id assignedTo } }`;
const CLOSE = `mutation C($id: ID!) { closeCase(id: $id, result: NOT_PICKED_UP_OTHER) { id status } }`;

interface UrgencyData {
  score: number;
  version?: string;
  factors: Array<{ name: string; value: number; points: number }>;
}
interface CaseNode {
  id: string;
  creditorSpread: string;
  creditorCount: number;
  assignedTo: string | null;
  urgency: UrgencyData | null;
}
interface CasesData {
  cases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: CaseNode }>;
  };
}
interface CaseData {
  case: {
    id: string;
    status: string;
    result: string | null;
    closedAt: string | null;
    assignedTo: string | null;
    predecessor: { id: string } | null;
    urgency: UrgencyData;
  };
}
interface QueueData {
  id: string;
  name: string;
  sectors: string[];
  minimumDaysInArrears: number | null;
  pc4s: string[];
  creditorSpread: string | null;
  unassigned: boolean;
  openCaseCount: number;
}

const MUNICIPALITY = 'GM0599';
const today = dutchDateOf(new Date());

/** A signal of `base`'s household from another creditor, with its own arrears. */
function fromCreditor(
  base: SyntheticSignal,
  creditorId: string,
  sector: Sector,
  ref: string,
  changes: { amountCents?: bigint; arrearsSince?: string; signalDate?: string; reminderSentOn?: string } = {},
): SyntheticSignal {
  return {
    creditorId,
    signal: {
      ...base.signal,
      sector,
      creditorSignalRef: ref,
      customerNumber: ref,
      crisis: false,
      warmHandover: false,
      ...changes,
    },
  };
}

describe('urgency, consecutive signals, work queues and assignment', () => {
  const world = new HubWorld('workqueues', { seedCreditors: true });
  let hub: INestApplication;
  let teamLead: string;
  let worker: string;
  let otherLead: string;
  let otherWorker: string;
  let households: SyntheticSignal[];
  let multi: string;
  let single: string;

  const caseOf = async (postcode: string | undefined, open = true) =>
    (
      await world.db.query(
        `SELECT c.id FROM signal_case c JOIN household h ON h.id = c.household_id
         WHERE h.postcode = $1 AND (c.closed_at IS NULL) = $2 ORDER BY c.opened_at`,
        [postcode!.replace(' ', '').toUpperCase(), open],
      )
    ).rows.map((r) => r.id as string);
  const send = async (signals: SyntheticSignal[]) => {
    const before = await world.count('SELECT count(*) FROM signal');
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= before + signals.length,
    );
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    const operator = await world.token({ roles: ['operator'] });
    const policy = await gql(
      hub,
      `mutation P($input: SetMunicipalityPolicyInput!) { setMunicipalityPolicy(input: $input) { municipality } }`,
      { input: { municipality: MUNICIPALITY, minimumAmountCents: 0, matchingPeriodDays: 30 } },
      operator,
    );
    expect(policy.errors).toBeUndefined();
    households = generateSignals(loadReferenceData(), {
      count: 4,
      municipalities: [MUNICIPALITY],
      seed: 81,
      households: 4,
    }).map((s) => ({ ...s, signal: { ...s.signal, arrearsSince: addDays(today, -70) } }));
    const [a, b] = households;
    // Household A: three creditors at once. Household B: one small health-insurance arrears.
    await send([
      fromCreditor(a, 'woningcorporatie-de-linde', Sector.HUUR, 'WQ-A-HUUR', { amountCents: 180_000n }),
      fromCreditor(a, 'energie-polderstroom', Sector.ENERGIE, 'WQ-A-ENERGIE', { amountCents: 60_000n }),
      fromCreditor(a, 'waterbedrijf-rijnland-west', Sector.WATER, 'WQ-A-WATER', { amountCents: 20_000n }),
      fromCreditor(b, 'zorgverzekeraar-zilverkruis', Sector.ZORG, 'WQ-B-ZORG', {
        amountCents: 6_000n,
        arrearsSince: addDays(today, -31),
      }),
    ]);
    [multi] = await caseOf(a.signal.postcode);
    [single] = await caseOf(b.signal.postcode);
    teamLead = await world.token({ roles: ['team_lead'], municipality: MUNICIPALITY, sub: 'lead-rdam' });
    worker = await world.token({ roles: ['worker'], municipality: MUNICIPALITY, sub: 'worker-rdam' });
    otherLead = await world.token({ roles: ['team_lead'], municipality: 'GM0363', sub: 'lead-ams' });
    otherWorker = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-ams' });
  });

  afterAll(() => world.close());

  it('bundles three creditors into one multi-creditor case that ranks above a single small one', async () => {
    const res = await gql<CasesData>(hub, CASES, { orderBy: 'URGENCY', first: 10 }, worker);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.cases.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual([multi, single]);
    expect(nodes[0]).toMatchObject({ creditorSpread: 'MULTI', creditorCount: 3 });
    const points = Object.fromEntries(nodes[0].urgency!.factors.map((f) => [f.name, f.points]));
    // Two creditors beyond the first, €2,600 in arrears, 70 days, rent arrears of more than two months.
    expect(points).toMatchObject({ creditors: 30, totalAmount: 13, daysInArrears: 4, rentArrearsTwoMonths: 20 });
    expect(nodes[0].urgency!.score).toBe(67);
    expect(nodes[0].urgency!.version).toBe('2026-12');
    expect(nodes[1].urgency!.score).toBe(2);
    expect(nodes[0].urgency!.factors).toHaveLength(8);
    // The default order stays newest first; paging by urgency continues where the page ended.
    const firstPage = await gql<CasesData>(hub, CASES, { orderBy: 'URGENCY', first: 1 }, worker);
    const after = firstPage.data!.cases.pageInfo.endCursor;
    const next = await gql<CasesData>(hub, CASES, { orderBy: 'URGENCY', first: 1, after }, worker);
    expect(next.data!.cases.edges.map((e) => e.node.id)).toEqual([single]);
    // A cursor of one order is refused by the other, never read as a wrong sort value.
    expect(errorCodes(await gql(hub, CASES, { orderBy: 'NEWEST', first: 1, after }, worker))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('scores open cases again each day: the days in arrears grow without a new signal', async () => {
    const later = addDays(today, 60);
    expect(await hub.get(UrgencyRecomputeService).recomputeOpenCases(later)).toBeGreaterThanOrEqual(2);
    const res = await gql<CaseData>(hub, CASE, { id: multi }, worker);
    const days = res.data!.case.urgency.factors.find((f) => f.name === 'daysInArrears')!;
    expect(days).toEqual({ name: 'daysInArrears', value: 8, points: 8 });
    // Scored for that day already: a second run on the same day does nothing.
    expect(await hub.get(UrgencyRecomputeService).recomputeOpenCases(later)).toBe(0);
    await hub.get(UrgencyRecomputeService).recomputeOpenCases(today);
  });

  it('opens a new case after the matching period, closing the old one as superseded, with its predecessor', async () => {
    const c = households[2];
    await send([
      fromCreditor(c, 'energie-polderstroom', Sector.ENERGIE, 'WQ-C-1', {
        signalDate: addDays(today, -45),
        arrearsSince: addDays(today, -100),
        reminderSentOn: addDays(today, -60),
      }),
    ]);
    const [first] = await caseOf(c.signal.postcode);
    // Within the period a second creditor joins the case; 45 days later (period 30) it does not.
    await send([fromCreditor(c, 'waterbedrijf-rijnland-west', Sector.WATER, 'WQ-C-2')]);
    const [second] = await caseOf(c.signal.postcode);
    expect(second).not.toBe(first);
    const now = await gql<CaseData>(hub, CASE, { id: second }, worker);
    expect(now.data!.case.predecessor).toEqual({ id: first });
    const old = await gql<CaseData>(hub, CASE, { id: first }, worker);
    expect(old.data!.case).toMatchObject({ status: 'CLOSED', result: null, predecessor: null });
    expect(old.data!.case.closedAt).not.toBeNull();
    expect(await world.count(`SELECT count(*) FROM signal WHERE case_id = $1`, [second])).toBe(1);
    // The superseded case is closed: it cannot be closed again.
    expect(errorCodes(await gql(hub, CLOSE, { id: first }, worker))).toEqual(['CONFLICT']);
  });

  it('opens a new case after a close that names the closed one as predecessor', async () => {
    const d = households[3];
    await send([fromCreditor(d, 'zorgverzekeraar-noordzorg', Sector.ZORG, 'WQ-D-1')]);
    const [first] = await caseOf(d.signal.postcode);
    expect((await gql(hub, CLOSE, { id: first }, worker)).errors).toBeUndefined();
    await send([fromCreditor(d, 'energie-polderstroom', Sector.ENERGIE, 'WQ-D-2')]);
    const [second] = await caseOf(d.signal.postcode);
    const res = await gql<CaseData>(hub, CASE, { id: second }, worker);
    expect(res.data!.case.predecessor).toEqual({ id: first });
    expect(errorCodes(await gql(hub, ASSIGN, { id: first, worker: 'worker-rdam' }, teamLead))).toEqual(['CONFLICT']);
  });

  it('lets a team lead make queues and assign a case; the worker sees it among their cases', async () => {
    const pc4 = households[0].signal.postcode!.slice(0, 4);
    const created = await gql<{ createWorkQueue: QueueData }>(
      hub,
      CREATE_QUEUE,
      {
        input: {
          name: 'Meervoudig met huur',
          sectors: ['HUUR', 'HUUR'],
          creditorSpread: 'MULTI',
          minimumDaysInArrears: 60,
          pc4s: [pc4],
        },
      },
      teamLead,
    );
    expect(created.errors).toBeUndefined();
    const queue = created.data!.createWorkQueue;
    expect(queue).toMatchObject({ sectors: ['HUUR'], pc4s: [pc4], openCaseCount: 1, unassigned: false });
    const open = await gql<{ createWorkQueue: QueueData }>(
      hub,
      CREATE_QUEUE,
      { input: { name: 'Nog niet toegewezen', unassigned: true } },
      teamLead,
    );
    const unassigned = open.data!.createWorkQueue;
    const openCases = await world.count(
      `SELECT count(*) FROM signal_case WHERE closed_at IS NULL AND municipality = $1`,
      [MUNICIPALITY],
    );
    expect(unassigned.openCaseCount).toBe(openCases);

    const listed = await gql<CasesData>(hub, CASES, { queue: queue.id }, teamLead);
    expect(listed.data!.cases.edges.map((e) => e.node.id)).toEqual([multi]);
    expect(listed.data!.cases.totalCount).toBe(1);
    // A filter the queue excludes: no cases.
    const narrowed = await gql<{ updateWorkQueue: QueueData }>(
      hub,
      UPDATE_QUEUE,
      { id: queue.id, input: { name: 'Meervoudig met huur', sectors: ['HUUR'], minimumDaysInArrears: 90 } },
      teamLead,
    );
    expect(narrowed.data!.updateWorkQueue.openCaseCount).toBe(0);

    const assigned = await gql<{ assignCase: { assignedTo: string } }>(
      hub,
      ASSIGN,
      { id: multi, worker: 'worker-rdam' },
      teamLead,
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignCase.assignedTo).toBe('worker-rdam');
    const audit = await world.db.query(
      `SELECT actor, actor_role, detail FROM audit_event WHERE action = 'CASE_ASSIGNED' AND subject_id = $1`,
      [multi],
    );
    expect(audit.rows).toEqual([{ actor: 'lead-rdam', actor_role: 'team_lead', detail: { worker: 'worker-rdam' } }]);

    const mine = await gql<CasesData>(hub, CASES, { filter: { assignedToMe: true } }, worker);
    expect(mine.data!.cases.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id: multi, assignedTo: 'worker-rdam' }),
    ]);
    const queues = await gql<{ workQueues: QueueData[] }>(hub, QUEUES, {}, worker);
    expect(queues.errors).toBeUndefined();
    expect(queues.data!.workQueues.map((q) => [q.name, q.openCaseCount])).toEqual([
      ['Meervoudig met huur', 0],
      ['Nog niet toegewezen', openCases - 1],
    ]);
    // Unassigning puts the case back in the unassigned queue.
    await gql(hub, ASSIGN, { id: multi, worker: null }, teamLead);
    expect((await gql<CasesData>(hub, CASES, { filter: { assignedToMe: true } }, worker)).data!.cases.edges).toEqual(
      [],
    );
    await gql(hub, ASSIGN, { id: multi, worker: 'worker-rdam' }, teamLead);
  });

  it('refuses queues and assignments that make no sense, with coded errors', async () => {
    const bad = async (input: Record<string, unknown>) =>
      errorCodes(await gql(hub, CREATE_QUEUE, { input: { name: 'x', ...input } }, teamLead));
    expect(await bad({ minimumAmountCents: 500, maximumAmountCents: 100 })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ minimumDaysInArrears: 90, maximumDaysInArrears: 30 })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ pc4s: ['0123'] })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ pc4s: Array.from({ length: 501 }, () => '3011') })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ sectors: ['NOT_A_SECTOR'] })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ name: 'a'.repeat(101) })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ name: 'tab\there' })).toEqual(['BAD_USER_INPUT']);
    expect(await bad({ name: 'Nog niet toegewezen' })).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(hub, ASSIGN, { id: multi, worker: 'two words' }, teamLead))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gql(hub, ASSIGN, { id: multi, worker: 'w'.repeat(201) }, teamLead))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gql(hub, ASSIGN, { id: 'not-a-uuid', worker: 'w' }, teamLead))).toEqual(['NOT_FOUND']);
  });

  it('lets a worker read queues but not make them or assign; another municipality can do none of it', async () => {
    const [queue] = (await gql<{ workQueues: QueueData[] }>(hub, QUEUES, {}, teamLead)).data!.workQueues;
    expect(errorCodes(await gql(hub, CREATE_QUEUE, { input: { name: 'Eigen bakje' } }, worker))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, UPDATE_QUEUE, { id: queue.id, input: { name: 'Anders' } }, worker))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await gql(hub, DELETE_QUEUE, { id: queue.id }, worker))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, ASSIGN, { id: single, worker: 'worker-rdam' }, worker))).toEqual(['FORBIDDEN']);

    for (const token of [otherLead, otherWorker]) {
      expect(errorCodes(await gql(hub, CASES, { queue: queue.id }, token))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await gql(hub, CASE, { id: multi }, token))).toEqual(['NOT_FOUND']);
      expect((await gql<{ workQueues: QueueData[] }>(hub, QUEUES, {}, token)).data!.workQueues).toEqual([]);
      const theirs = await gql<CasesData>(hub, CASES, { orderBy: 'URGENCY', filter: { assignedToMe: true } }, token);
      expect(theirs.data!.cases.edges).toEqual([]);
    }
    expect(
      errorCodes(await gql(hub, UPDATE_QUEUE, { id: queue.id, input: { name: 'Overgenomen' } }, otherLead)),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(hub, DELETE_QUEUE, { id: queue.id }, otherLead))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(hub, ASSIGN, { id: single, worker: 'worker-ams' }, otherLead))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(hub, CREATE_QUEUE, { input: { name: 'x' } }, otherWorker))).toEqual(['FORBIDDEN']);
    const [row] = (await world.db.query(`SELECT assigned_to FROM signal_case WHERE id = $1`, [single])).rows;
    expect(row.assigned_to).toBeNull();
    expect(await world.count(`SELECT count(*) FROM work_queue WHERE municipality = 'GM0363'`)).toBe(0);

    // The team lead may delete their own queue; then it is gone for everyone.
    expect((await gql(hub, DELETE_QUEUE, { id: queue.id }, teamLead)).data).toEqual({ deleteWorkQueue: true });
    expect(errorCodes(await gql(hub, CASES, { queue: queue.id }, worker))).toEqual(['NOT_FOUND']);
  });
});
