import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { failCommitsWriting } from './support/fail-at-commit.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const PICK_UP = `mutation P($id: ID!) { pickUpCase(id: $id) { id status pickedUpAt signals { status } } }`;
const CLOSE = `mutation C($id: ID!, $result: CaseResult!) { closeCase(id: $id, result: $result) { id status result closedAt signals { status } } }`;

interface CaseData {
  id: string;
  status: string;
  result?: string | null;
  signals: Array<{ status: string }>;
}

describe('a worker picks up and closes cases; creditors hear what the rules allow', () => {
  const world = new HubWorld('casework', { seedCreditors: true });
  let hub: INestApplication;
  let worker: string;
  let signals: SyntheticSignal[];

  const caseIds = async () =>
    (await world.db.query(`SELECT id FROM signal_case WHERE municipality = 'GM0599' ORDER BY id`)).rows.map(
      (r) => r.id as string,
    );
  const feedbackOf = async (caseId: string, status: string) =>
    (
      await world.db.query(
        `SELECT o.creditor_id, o.creditor_signal_ref, o.reason_code FROM feedback_outbox o
         JOIN signal s ON s.creditor_id = o.creditor_id AND s.creditor_signal_ref = o.creditor_signal_ref
         WHERE s.case_id = $1 AND o.status = $2`,
        [caseId, status],
      )
    ).rows;

  const auditsOf = async (caseId: string) =>
    (
      await world.db.query(
        `SELECT action, actor, actor_role, municipality, detail FROM audit_event
         WHERE subject_type = 'case' AND subject_id = $1 AND action IN ('CASE_PICKED_UP', 'CASE_CLOSED') ORDER BY id`,
        [caseId],
      )
    ).rows;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    signals = generateSignals(loadReferenceData(), { count: 40, municipalities: ['GM0599'], seed: 17, households: 20 });
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 40,
    );
    worker = await world.token({ roles: ['worker'], municipality: 'GM0599', sub: 'worker-rdam' });
  });

  afterAll(() => world.close());

  it('picks a case up once: its signals become picked up and each creditor is told', async () => {
    const [id] = await caseIds();
    const res = await gql<{ pickUpCase: CaseData }>(hub, PICK_UP, { id }, worker);
    expect(res.errors).toBeUndefined();
    expect(res.data!.pickUpCase.status).toBe('IN_PROGRESS');
    expect(res.data!.pickUpCase.signals.length).toBeGreaterThan(0);
    expect(res.data!.pickUpCase.signals.every((s) => s.status === 'PICKED_UP')).toBe(true);
    const told = await feedbackOf(id, 'PICKED_UP');
    expect(told).toHaveLength(res.data!.pickUpCase.signals.length);
    expect(errorCodes(await gql(hub, PICK_UP, { id }, worker))).toEqual(['CONFLICT']);
    // One audit row, of the pick-up that happened; the refused second one left none.
    expect(await auditsOf(id)).toEqual([
      { action: 'CASE_PICKED_UP', actor: 'worker-rdam', actor_role: 'worker', municipality: 'GM0599', detail: {} },
    ]);
  });

  it('closes with "Niet opgepakt: andere reden" and tells creditors only "not picked up"', async () => {
    const [, id] = await caseIds();
    const res = await gql<{ closeCase: CaseData }>(hub, CLOSE, { id, result: 'NOT_PICKED_UP_OTHER' }, worker);
    expect(res.errors).toBeUndefined();
    expect(res.data!.closeCase).toMatchObject({ status: 'CLOSED', result: 'NOT_PICKED_UP_OTHER' });
    expect(res.data!.closeCase.signals.length).toBeGreaterThan(0);
    expect(res.data!.closeCase.signals.every((s) => s.status === 'NOT_PICKED_UP_OTHER')).toBe(true);
    const told = await feedbackOf(id, 'NOT_PICKED_UP');
    expect(told.length).toBe(res.data!.closeCase.signals.length);
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((t) => t.reason_code === null)).toBe(true);
    expect(errorCodes(await gql(hub, CLOSE, { id, result: 'DECEASED' }, worker))).toEqual(['CONFLICT']);
    expect(await auditsOf(id)).toEqual([
      {
        action: 'CASE_CLOSED',
        actor: 'worker-rdam',
        actor_role: 'worker',
        municipality: 'GM0599',
        detail: { result: 'NOT_PICKED_UP_OTHER' },
      },
    ]);
  });

  it('discloses help accepted for a case closed with follow-up help', async () => {
    const [, , id] = await caseIds();
    // Follow-up help needs contact: a case not yet picked up cannot close with it.
    expect(errorCodes(await gql(hub, CLOSE, { id, result: 'FOLLOW_UP_HELP_FINANCIAL' }, worker))).toEqual(['CONFLICT']);
    expect((await gql(hub, PICK_UP, { id }, worker)).errors).toBeUndefined();
    const res = await gql<{ closeCase: CaseData }>(hub, CLOSE, { id, result: 'FOLLOW_UP_HELP_FINANCIAL' }, worker);
    expect(res.errors).toBeUndefined();
    expect(res.data!.closeCase.signals.length).toBeGreaterThan(0);
    expect(res.data!.closeCase.signals.every((s) => s.status === 'PICKED_UP')).toBe(true);
    expect((await feedbackOf(id, 'HELP_ACCEPTED')).length).toBe(res.data!.closeCase.signals.length);
  });

  it('lets nobody else work the case: another municipality gets NOT_FOUND, other roles FORBIDDEN', async () => {
    const [, , , id] = await caseIds();
    const amsterdam = await world.token({ roles: ['worker'], municipality: 'GM0363' });
    expect(errorCodes(await gql(hub, PICK_UP, { id }, amsterdam))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(hub, CLOSE, { id, result: 'DECEASED' }, amsterdam))).toEqual(['NOT_FOUND']);
    const operator = await world.token({ roles: ['operator'] });
    expect(errorCodes(await gql(hub, PICK_UP, { id }, operator))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, CLOSE, { id, result: 'NOT_A_VALUE' }, worker))).toEqual(['BAD_USER_INPUT']);
    const [row] = (await world.db.query(`SELECT status FROM signal_case WHERE id = $1`, [id])).rows;
    expect(row.status).toBe('NEW');
    expect(await auditsOf(id)).toEqual([]);
  });

  it('writes the audit row of a pick-up or close in its transaction: a change that fails leaves none', async () => {
    const [, , , , id] = await caseIds();
    const undo = await failCommitsWriting(world.db, 'signal_case', `NEW.id = '${id}'::uuid`);
    try {
      expect(errorCodes(await gql(hub, PICK_UP, { id }, worker))).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(errorCodes(await gql(hub, CLOSE, { id, result: 'DECEASED' }, worker))).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await undo();
    }
    const [row] = (await world.db.query(`SELECT status FROM signal_case WHERE id = $1`, [id])).rows;
    expect(row.status).toBe('NEW');
    expect(await auditsOf(id)).toEqual([]);
    expect(await feedbackOf(id, 'PICKED_UP')).toEqual([]);
    // Without the fault the same pick-up goes through, with its row.
    expect((await gql(hub, PICK_UP, { id }, worker)).errors).toBeUndefined();
    expect((await auditsOf(id)).map((a) => a.action)).toEqual(['CASE_PICKED_UP']);
  });

  it('opens a new case when the household signals again after its case closed', async () => {
    const closed = (await world.db.query(`SELECT household_id FROM signal_case WHERE status = 'CLOSED' LIMIT 1`))
      .rows[0];
    const [again] = (
      await world.db.query(
        `SELECT creditor_id, creditor_signal_ref FROM signal s JOIN signal_case c ON c.id = s.case_id
                             WHERE c.household_id = $1 LIMIT 1`,
        [closed.household_id],
      )
    ).rows;
    const original = signals.find(
      (s) => s.creditorId === again.creditor_id && s.signal.creditorSignalRef === again.creditor_signal_ref,
    )!;
    const producer = await world.bus.createProducer();
    await producer.send(
      world.topics.signals,
      world.records([
        {
          ...original,
          signal: { ...original.signal, creditorSignalRef: `${again.creditor_signal_ref}-NEW`, amountCents: 999_999n },
        },
      ]),
    );
    const cases = await world.eventually(
      () => world.count(`SELECT count(*) FROM signal_case WHERE household_id = $1`, [closed.household_id]),
      (n) => n === 2,
    );
    expect(cases).toBe(2);
    expect(
      await world.count(`SELECT count(*) FROM signal_case WHERE household_id = $1 AND closed_at IS NULL`, [
        closed.household_id,
      ]),
    ).toBe(1);
  });
});
