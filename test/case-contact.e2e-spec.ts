import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { FeedbackStatus, decodeFeedback, type SignalFeedback } from '@signaalhub/contracts';
import { dutchDateOf } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const PICK_UP = `mutation P($id: ID!) { pickUpCase(id: $id) { id status } }`;
const CLOSE = `mutation C($id: ID!, $result: CaseResult!) { closeCase(id: $id, result: $result) { id status result } }`;
const CONTACT = `mutation R($caseId: ID!, $input: ContactAttemptInput!) {
  recordContactAttempt(caseId: $caseId, input: $input) {
    id status signals { status } contactAttempts { kind reached date dayPart recordedBy }
  }
}`;
const NOTE = `mutation N($caseId: ID!, $text: String!) { addCaseNote(caseId: $caseId, text: $text) { id text author } }`;
const TRANSFER = `mutation T($caseId: ID!, $to: String!, $reason: String) {
  transferCase(caseId: $caseId, toMunicipality: $to, reason: $reason) { id status result signals { id } }
}`;
const CASE = `query Case($id: ID!) {
  case(id: $id) { id status municipality household { postcode houseNumber } signals { id surname } }
}`;
const NOTES = `query Notes($id: ID!) { case(id: $id) { notes { id text author } } }`;
const TIMELINE = `query Timeline($id: ID!, $first: Int, $after: String) {
  case(id: $id) {
    timeline(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind actor signalId contactAttemptId contactKind reached dayPart noteId result
                            toMunicipality fromMunicipality } }
    }
  }
}`;

interface TimelineEntry {
  kind: string;
  actor: string | null;
  signalId: string | null;
  contactKind: string | null;
  reached: boolean | null;
  dayPart: string | null;
  noteId: string | null;
  result: string | null;
  toMunicipality: string | null;
  fromMunicipality: string | null;
}
interface TimelineData {
  case: {
    timeline: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string; node: TimelineEntry }>;
    };
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('working a case: contact attempts, notes, timeline, transfer', () => {
  const world = new HubWorld('casecontact', { seedCreditors: true });
  const feedback: SignalFeedback[] = [];
  let hub: INestApplication;
  let worker: string;
  let amsterdam: string;
  /** Cases of Rotterdam, most creditors first: a multi-creditor case to work end to end. */
  let cases: string[];

  const yesterday = dutchDateOf(new Date(Date.now() - DAY_MS));
  const feedbackFor = (signals: Array<{ creditor_id: string; creditor_signal_ref: string }>, status: FeedbackStatus) =>
    signals.map((s) =>
      feedback.find(
        (f) => f.creditorId === s.creditor_id && f.creditorSignalRef === s.creditor_signal_ref && f.status === status,
      ),
    );
  const signalsOf = async (caseId: string) =>
    (
      await world.db.query(
        `SELECT id, creditor_id, creditor_signal_ref FROM signal WHERE case_id = $1 AND decision = 'ACCEPTED' ORDER BY id`,
        [caseId],
      )
    ).rows as Array<{ id: string; creditor_id: string; creditor_signal_ref: string }>;
  const audits = async (action: string, caseId: string) =>
    (
      await world.db.query(
        `SELECT actor, municipality, detail FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY id`,
        [action, caseId],
      )
    ).rows;
  const timeline = async (id: string, token = worker) => {
    const res = await gql<TimelineData>(hub, TIMELINE, { id, first: 200 }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.case.timeline.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-creditors`, topics: [world.topics.feedback] });
    await reader.start(async (batch) => {
      for (const m of batch.messages) feedback.push(decodeFeedback(m.value!));
    });
    hub = await world.startHub();
    const signals = generateSignals(loadReferenceData(), {
      count: 40,
      municipalities: ['GM0599'],
      seed: 31,
      households: 12,
    });
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 40,
    );
    // The cases came in two days ago: a visit yesterday evening is then a visit on the case.
    await world.db.query(`UPDATE signal_case SET opened_at = now() - interval '2 days'`);
    cases = (
      await world.db.query(
        `SELECT id FROM signal_case WHERE municipality = 'GM0599' ORDER BY creditor_count DESC, signal_count DESC, id`,
      )
    ).rows.map((r) => r.id as string);
    worker = await world.token({ roles: ['worker'], municipality: 'GM0599', sub: 'worker-rdam' });
    amsterdam = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-adam' });
  });

  afterAll(() => world.close());

  it('picks up, logs an evening home visit (reached), closes with advice: each creditor hears it on Kafka', async () => {
    const id = cases[0];
    const signals = await signalsOf(id);
    expect(new Set(signals.map((s) => s.creditor_id)).size).toBeGreaterThan(1);

    expect((await gql(hub, PICK_UP, { id }, worker)).errors).toBeUndefined();
    // 19:00 UTC is 20:00 or 21:00 on the Dutch clock: evening, winter or summer.
    const visit = await gql<{ recordContactAttempt: { status: string; contactAttempts: unknown[] } }>(
      hub,
      CONTACT,
      { caseId: id, input: { kind: 'HOME_VISIT', reached: true, at: `${yesterday}T19:00:00Z` } },
      worker,
    );
    expect(visit.errors).toBeUndefined();
    expect(visit.data!.recordContactAttempt.status).toBe('IN_PROGRESS');
    expect(visit.data!.recordContactAttempt.contactAttempts).toEqual([
      { kind: 'HOME_VISIT', reached: true, date: yesterday, dayPart: 'EVENING', recordedBy: 'worker-rdam' },
    ]);
    const closed = await gql<{ closeCase: { status: string; result: string } }>(
      hub,
      CLOSE,
      { id, result: 'ADVICE_OR_QUICK_FIX' },
      worker,
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCase).toMatchObject({ status: 'CLOSED', result: 'ADVICE_OR_QUICK_FIX' });

    await world.eventually(
      async () => feedbackFor(signals, FeedbackStatus.HELP_ACCEPTED),
      (told) => told.every(Boolean),
    );
    for (const status of [FeedbackStatus.PICKED_UP, FeedbackStatus.HELP_ACCEPTED]) {
      for (const told of feedbackFor(signals, status)) {
        expect(told).toBeDefined();
        // Only the status: no reason code, nothing of the visit.
        expect(told!.reasonCode).toBeUndefined();
      }
    }
  });

  it('lists signals, pick-up, the contact attempt, close and a later note in one ordered timeline', async () => {
    const id = cases[0];
    const note = await gql<{ addCaseNote: { id: string } }>(
      hub,
      NOTE,
      { caseId: id, text: 'Adviesgesprek gevoerd, budgetplan meegegeven.' },
      worker,
    );
    expect(note.errors).toBeUndefined();
    const entries = await timeline(id);
    const signals = await signalsOf(id);
    const added = entries.filter((e) => e.kind === 'SIGNAL_ADDED');
    expect(new Set(added.map((e) => e.signalId))).toEqual(new Set(signals.map((s) => s.id)));
    expect(added.every((e) => e.actor === null)).toBe(true);
    expect(entries.slice(added.length)).toEqual([
      expect.objectContaining({ kind: 'PICKED_UP', actor: 'worker-rdam' }),
      expect.objectContaining({
        kind: 'CONTACT_ATTEMPT_RECORDED',
        contactKind: 'HOME_VISIT',
        reached: true,
        dayPart: 'EVENING',
      }),
      expect.objectContaining({ kind: 'CLOSED', result: 'ADVICE_OR_QUICK_FIX' }),
      expect.objectContaining({ kind: 'NOTE_ADDED', noteId: note.data!.addCaseNote.id }),
    ]);

    // Page by page, the same list: nothing skipped, nothing repeated.
    const paged: TimelineEntry[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { data?: TimelineData | null } = await gql<TimelineData>(
        hub,
        TIMELINE,
        { id, first: 2, after },
        worker,
      );
      paged.push(...res.data!.case.timeline.edges.map((e) => e.node));
      if (!res.data!.case.timeline.pageInfo.hasNextPage) break;
      after = res.data!.case.timeline.pageInfo.endCursor;
    }
    expect(paged).toEqual(entries);
    expect(errorCodes(await gql(hub, TIMELINE, { id, after: 'bm9wZQ' }, worker))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, TIMELINE, { id, first: 201 }, worker))).toEqual(['BAD_USER_INPUT']);
  });

  it('a contact attempt on a new case picks it up: dagdeel from the worker when only the day is known', async () => {
    const id = cases[1];
    const signals = await signalsOf(id);
    const res = await gql<{
      recordContactAttempt: { status: string; signals: Array<{ status: string }>; contactAttempts: unknown[] };
    }>(hub, CONTACT, { caseId: id, input: { kind: 'PHONE', reached: false, date: yesterday } }, worker);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordContactAttempt.status).toBe('IN_PROGRESS');
    expect(res.data!.recordContactAttempt.signals.every((s) => s.status === 'PICKED_UP')).toBe(true);
    expect(res.data!.recordContactAttempt.contactAttempts).toEqual([
      { kind: 'PHONE', reached: false, date: yesterday, dayPart: null, recordedBy: 'worker-rdam' },
    ]);
    const second = await gql<{ recordContactAttempt: { contactAttempts: unknown[] } }>(
      hub,
      CONTACT,
      { caseId: id, input: { kind: 'LETTER', reached: false, date: yesterday, dayPart: 'MORNING' } },
      worker,
    );
    expect(second.data!.recordContactAttempt.contactAttempts).toHaveLength(2);
    await world.eventually(
      async () => feedbackFor(signals, FeedbackStatus.PICKED_UP),
      (told) => told.every(Boolean),
    );
    expect((await timeline(id)).filter((e) => e.kind === 'PICKED_UP')).toHaveLength(1);
    expect(await audits('CASE_PICKED_UP', id)).toHaveLength(1);
  });

  it('refuses illegal transitions with CONFLICT and bad input with BAD_USER_INPUT, changing nothing', async () => {
    const closedCase = cases[0];
    const attemptsBefore = await world.count('SELECT count(*) FROM contact_attempt');
    const now = Date.now();
    expect(
      errorCodes(
        await gql(
          hub,
          CONTACT,
          { caseId: closedCase, input: { kind: 'PHONE', reached: true, date: yesterday } },
          worker,
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(hub, CLOSE, { id: closedCase, result: 'NO_CONTACT' }, worker))).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(hub, PICK_UP, { id: closedCase }, worker))).toEqual(['CONFLICT']);

    const open = cases[1];
    const tomorrow = dutchDateOf(new Date(now + DAY_MS));
    for (const input of [
      { kind: 'HOME_VISIT', reached: true, at: new Date(now + 60 * 60 * 1000).toISOString() },
      { kind: 'HOME_VISIT', reached: true, date: tomorrow },
      { kind: 'HOME_VISIT', reached: true, date: '2001-01-01' },
      { kind: 'HOME_VISIT', reached: true, date: '2026-02-30' },
      { kind: 'HOME_VISIT', reached: true },
      { kind: 'HOME_VISIT', reached: true, at: `${yesterday}T19:00:00Z`, dayPart: 'MORNING' },
      { kind: 'Huisbezoek', reached: true, date: yesterday },
      { kind: 'HOME_VISIT', reached: true, date: yesterday, dayPart: 'NIGHT' },
      { kind: 'HOME_VISIT', reached: true, at: 'yesterday evening' },
    ]) {
      expect([input, errorCodes(await gql(hub, CONTACT, { caseId: open, input }, worker))]).toEqual([
        input,
        ['BAD_USER_INPUT'],
      ]);
    }
    expect(await world.count('SELECT count(*) FROM contact_attempt')).toBe(attemptsBefore);

    // A new case cannot be closed with a result that needs contact before it was picked up.
    const fresh = cases[5];
    expect(errorCodes(await gql(hub, CLOSE, { id: fresh, result: 'ADVICE_OR_QUICK_FIX' }, worker))).toEqual([
      'CONFLICT',
    ]);
    const [row] = (await world.db.query(`SELECT status FROM signal_case WHERE id = $1`, [fresh])).rows;
    expect(row.status).toBe('NEW');
  });

  it('keeps notes bounded and audits every read of them', async () => {
    const id = cases[1];
    const tooLong = await gql(hub, NOTE, { caseId: id, text: 'x'.repeat(2001) }, worker);
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, NOTE, { caseId: id, text: '   ' }, worker))).toEqual(['BAD_USER_INPUT']);
    const longest = await gql<{ addCaseNote: { id: string } }>(
      hub,
      NOTE,
      { caseId: id, text: 'y'.repeat(2000) },
      worker,
    );
    expect(longest.errors).toBeUndefined();
    expect(await audits('CASE_NOTE_ADDED', id)).toEqual([
      { actor: 'worker-rdam', municipality: 'GM0599', detail: { noteId: longest.data!.addCaseNote.id } },
    ]);

    expect(await audits('CASE_NOTES_VIEWED', id)).toEqual([]);
    const read = await gql<{ case: { notes: Array<{ id: string; author: string }> } }>(hub, NOTES, { id }, worker);
    expect(read.errors).toBeUndefined();
    expect(read.data!.case.notes).toEqual([
      { id: longest.data!.addCaseNote.id, text: 'y'.repeat(2000), author: 'worker-rdam' },
    ]);
    expect(await audits('CASE_NOTES_VIEWED', id)).toEqual([
      { actor: 'worker-rdam', municipality: 'GM0599', detail: { noteIds: [longest.data!.addCaseNote.id] } },
    ]);
    // The note's text is in case_note only: not in the event log, not in the audit trail.
    expect(await world.tablesContaining('y'.repeat(2000))).toEqual(['case_note']);
  });

  it('transfers a case: the other municipality works it, the sender no longer reads its signals', async () => {
    const id = cases[2];
    const signals = await signalsOf(id);
    expect(signals.length).toBeGreaterThan(0);
    const before = await gql<{ case: { signals: Array<{ id: string }> } }>(hub, CASE, { id }, worker);
    expect(before.data!.case.signals.length).toBeGreaterThan(0);

    const res = await gql<{ transferCase: { status: string; result: string; signals: unknown[] } }>(
      hub,
      TRANSFER,
      { caseId: id, to: 'GM0363', reason: 'Verhuisd naar Amsterdam volgens BRP.' },
      worker,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.transferCase).toEqual({ id, status: 'TRANSFERRED', result: 'NOT_A_RESIDENT', signals: [] });

    // The sender: no more signals, the transfer in its own timeline.
    const after = await gql<{ case: { signals: unknown[] } }>(hub, CASE, { id }, worker);
    expect(after.data!.case.signals).toEqual([]);
    expect((await timeline(id)).filter((e) => e.kind === 'TRANSFERRED_OUT')).toEqual([
      expect.objectContaining({ toMunicipality: 'GM0363', result: 'NOT_A_RESIDENT', actor: 'worker-rdam' }),
    ]);
    expect(errorCodes(await gql(hub, TRANSFER, { caseId: id, to: 'GM0363' }, worker))).toEqual(['CONFLICT']);
    expect(
      errorCodes(
        await gql(hub, CONTACT, { caseId: id, input: { kind: 'PHONE', reached: true, date: yesterday } }, worker),
      ),
    ).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(hub, NOTE, { caseId: id, text: 'nog iets' }, worker))).toEqual(['CONFLICT']);

    // The receiver: a new case of the household with the same signals, with its own timeline.
    const [received] = (
      await world.db.query(`SELECT DISTINCT case_id FROM signal WHERE id = ANY($1::uuid[])`, [signals.map((s) => s.id)])
    ).rows;
    const theirs = await gql<{
      case: { status: string; municipality: string; household: { postcode: string }; signals: Array<{ id: string }> };
    }>(hub, CASE, { id: received.case_id }, amsterdam);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.case).toMatchObject({ status: 'NEW', municipality: 'GM0363' });
    expect(theirs.data!.case.signals.map((s) => s.id).sort()).toEqual(signals.map((s) => s.id).sort());
    const theirTimeline = await timeline(received.case_id, amsterdam);
    expect(theirTimeline[0]).toMatchObject({ kind: 'TRANSFERRED_IN', fromMunicipality: 'GM0599' });
    expect(
      theirTimeline
        .slice(1)
        .map((e) => e.signalId)
        .sort(),
    ).toEqual(signals.map((s) => s.id).sort());
    // Amsterdam can pick it up: it is theirs now.
    expect((await gql(hub, PICK_UP, { id: received.case_id }, amsterdam)).errors).toBeUndefined();
    // Rotterdam cannot reach the new case at all.
    expect(errorCodes(await gql(hub, CASE, { id: received.case_id }, worker))).toEqual(['NOT_FOUND']);

    // Creditors hear "geen inwoner (meer)", and nothing about where the person went.
    await world.eventually(
      async () => feedbackFor(signals, FeedbackStatus.NOT_A_RESIDENT),
      (told) => told.every(Boolean),
    );
    // Audited in both municipalities; the reason is a note of the sender, not in the audit trail.
    expect(await audits('CASE_TRANSFERRED', id)).toEqual([
      {
        actor: 'worker-rdam',
        municipality: 'GM0599',
        detail: { fromMunicipality: 'GM0599', toMunicipality: 'GM0363', signalIds: expect.any(Array) },
      },
    ]);
    expect(await audits('CASE_TRANSFERRED_IN', received.case_id)).toEqual([
      {
        actor: 'worker-rdam',
        municipality: 'GM0363',
        detail: { fromMunicipality: 'GM0599', toMunicipality: 'GM0363', signalIds: expect.any(Array), fromCaseId: id },
      },
    ]);
    expect(await world.tablesContaining('Verhuisd naar Amsterdam volgens BRP.')).toEqual(['case_note']);
  });

  it('transfers to the current municipality of a former code, and refuses unknown codes and itself', async () => {
    const reference = loadReferenceData();
    const [former, current] = [...reference.mergers.entries()].find(
      ([from, to]) => from.startsWith('GM') && to !== 'GM0599' && to !== 'GM0363',
    )!;
    const id = cases[3];
    expect(errorCodes(await gql(hub, TRANSFER, { caseId: id, to: 'GM9999' }, worker))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, TRANSFER, { caseId: id, to: 'Amsterdam' }, worker))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, TRANSFER, { caseId: id, to: 'GM0599' }, worker))).toEqual(['BAD_USER_INPUT']);
    const res = await gql(hub, TRANSFER, { caseId: id, to: former }, worker);
    expect(res.errors).toBeUndefined();
    const [row] = (
      await world.db.query(
        `SELECT DISTINCT municipality FROM signal WHERE case_id IN (
         SELECT c.id FROM signal_case c JOIN household h ON h.id = c.household_id
         WHERE h.household_key = (SELECT h2.household_key FROM signal_case c2 JOIN household h2 ON h2.id = c2.household_id
                                  WHERE c2.id = $1) AND c.id <> $1)`,
        [id],
      )
    ).rows;
    expect(row.municipality).toBe(current);
  });

  it('lets a worker of another municipality do none of it, and other roles neither', async () => {
    const id = cases[4];
    const counts = async () => [
      await world.count('SELECT count(*) FROM contact_attempt WHERE case_id = $1', [id]),
      await world.count('SELECT count(*) FROM case_note WHERE case_id = $1', [id]),
      await world.count(`SELECT count(*) FROM case_event WHERE case_id = $1 AND kind <> 'SIGNAL_ADDED'`, [id]),
    ];
    const before = await counts();
    const attempt = { caseId: id, input: { kind: 'HOME_VISIT', reached: true, date: yesterday } };
    const operator = await world.token({ roles: ['operator'] });
    for (const [token, code] of [
      [amsterdam, 'NOT_FOUND'],
      [operator, 'FORBIDDEN'],
    ]) {
      expect(errorCodes(await gql(hub, CONTACT, attempt, token))).toEqual([code]);
      expect(errorCodes(await gql(hub, NOTE, { caseId: id, text: 'kijken of dit lukt' }, token))).toEqual([code]);
      expect(errorCodes(await gql(hub, TRANSFER, { caseId: id, to: 'GM0363' }, token))).toEqual([code]);
      expect(errorCodes(await gql(hub, TIMELINE, { id }, token))).toEqual([code]);
      expect(errorCodes(await gql(hub, NOTES, { id }, token))).toEqual([code]);
    }
    // Not even bad input tells an outsider the case exists.
    expect(errorCodes(await gql(hub, NOTE, { caseId: id, text: 'x'.repeat(3000) }, amsterdam))).toEqual(['NOT_FOUND']);
    expect(await counts()).toEqual(before);
    const [row] = (await world.db.query(`SELECT status, municipality FROM signal_case WHERE id = $1`, [id])).rows;
    expect(row).toEqual({ status: 'NEW', municipality: 'GM0599' });
  });
});
