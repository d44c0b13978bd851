import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { decodeFeedback, FeedbackStatus, type SignalFeedback } from '@signaalhub/contracts';
import type { Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const ACCESS = `query A($person: DataSubjectInput!) {
  subjectAccess(person: $person) {
    municipality objectionRecorded accessesTruncated
    signals { id caseId creditorSignalRef surname firstNames birthDate email postcode houseNumber }
    cases { id status }
    contactAttempts { id caseId kind }
    notes { id caseId text }
    accesses { actor actorRole action subjectType subjectId }
  }
}`;
const PDF = `query P($person: DataSubjectInput!) { subjectAccess(person: $person) { pdfBase64 } }`;
const RECTIFY = `mutation R($id: ID!, $changes: RectificationInput!) { rectifySubject(signalId: $id, changes: $changes) }`;
const ERASE = `mutation E($person: DataSubjectInput!) { eraseSubject(person: $person) { erasedSignals deletedNotes } }`;
const OBJECT = `mutation O($person: DataSubjectInput!) { recordObjection(person: $person) { recorded } }`;
const CASE = `query C($id: ID!) { case(id: $id) { id signals { id surname } } }`;

interface AccessData {
  subjectAccess: {
    municipality: string;
    objectionRecorded: boolean;
    accessesTruncated: boolean;
    signals: Array<{
      id: string;
      caseId: string;
      creditorSignalRef: string;
      surname: string;
      firstNames: string;
      email: string;
    }>;
    cases: Array<{ id: string; status: string }>;
    contactAttempts: Array<{ id: string; caseId: string; kind: string }>;
    notes: Array<{ id: string; caseId: string; text: string }>;
    accesses: Array<{ actor: string; actorRole: string; action: string; subjectType: string; subjectId: string }>;
  };
}

/** Three people: Anna and Bram share a household, Chris lives elsewhere in the same municipality. */
const ANNA = { surname: 'Rechtenberg', birthDate: '1971-03-04', firstNames: 'Annabel' };
const BRAM = { surname: 'Bezwaarsma', birthDate: '1980-05-06', firstNames: 'Bramwell' };
const CHRIS = { surname: 'Wisselink', birthDate: '1990-07-08', firstNames: 'Christoffel' };

function as(s: SyntheticSignal, person: typeof ANNA, ref: string): SyntheticSignal {
  return {
    creditorId: s.creditorId,
    signal: { ...s.signal, ...person, creditorSignalRef: ref, email: `${person.firstNames.toLowerCase()}@example.org` },
  };
}

describe('the data subject’s rights (AVG art. 15, 16, 17, 21)', () => {
  const world = new HubWorld('subjectrights', { seedCreditors: true });
  const feedback: SignalFeedback[] = [];
  let hub: INestApplication;
  let producer: Producer;
  let officer: string;
  let otherOfficer: string;
  let worker: string;
  let household: SyntheticSignal[];
  let elsewhere: SyntheticSignal;
  const personOf = (who: typeof ANNA, address: SyntheticSignal = household[0]) => ({
    surname: who.surname,
    birthDate: who.birthDate,
    postcode: String(address.signal.postcode),
    houseNumber: Number(address.signal.houseNumber),
  });
  const access = async (person: Record<string, unknown>, token = officer) => {
    const res = await gql<AccessData>(hub, ACCESS, { person }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.subjectAccess;
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-creditors`, topics: [world.topics.feedback] });
    await reader.start(async (batch) => {
      for (const m of batch.messages) feedback.push(decodeFeedback(m.value!));
    });
    hub = await world.startHub();
    const reference = loadReferenceData();
    const [a, b, c] = generateSignals(reference, { count: 3, municipalities: ['GM0599'], seed: 91, households: 1 });
    const [d] = generateSignals(reference, { count: 1, municipalities: ['GM0599'], seed: 92, households: 1 });
    // Anna's postcode written differently on her second signal: one person all the same.
    const annaTwice = as(b, ANNA, 'RIGHTS-A2');
    annaTwice.signal.postcode = String(a.signal.postcode)
      .toLowerCase()
      .replace(/^(\d{4})/, '$1 ');
    household = [as(a, ANNA, 'RIGHTS-A1'), annaTwice, as(c, BRAM, 'RIGHTS-B1')];
    elsewhere = as(d, CHRIS, 'RIGHTS-C1');
    producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records([...household, elsewhere]));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 4,
    );
    expect(await world.count('SELECT count(*) FROM signal')).toBe(4);
    officer = await world.token({ sub: 'fg-rotterdam', roles: ['privacy_officer'], municipality: 'GM0599' });
    otherOfficer = await world.token({ sub: 'fg-amsterdam', roles: ['privacy_officer'], municipality: 'GM0363' });
    worker = await world.token({ sub: 'worker-1', roles: ['worker'], municipality: 'GM0599' });
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await world.close();
  });

  it('subject access returns exactly the person’s signals, their case and every access to it', async () => {
    const [caseId] = (
      await world.db.query(`SELECT DISTINCT case_id FROM signal WHERE surname = $1`, [ANNA.surname])
    ).rows.map((r) => r.case_id as string);
    const read = await gql(hub, CASE, { id: caseId }, worker);
    expect(read.errors).toBeUndefined();

    // Another spelling of the same person: case, diacritics and postcode format do not matter.
    const report = await access({
      ...personOf(ANNA),
      surname: ' RECHTENBÉRG ',
      postcode: String(household[0].signal.postcode).toLowerCase(),
    });
    expect(report.municipality).toBe('GM0599');
    expect(report.signals.map((s) => s.creditorSignalRef).sort()).toEqual(['RIGHTS-A1', 'RIGHTS-A2']);
    expect(report.signals.every((s) => s.surname === ANNA.surname && s.firstNames === ANNA.firstNames)).toBe(true);
    expect(report.cases.map((c) => c.id)).toEqual([caseId]);
    // Bram shares the household and the case, but his signal is his own.
    expect(JSON.stringify(report)).not.toContain(BRAM.surname);
    expect(report.accesses).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'worker-1', subjectType: 'case', subjectId: caseId })]),
    );
    expect(report.objectionRecorded).toBe(false);

    const audited = await world.db.query(
      `SELECT actor, municipality, subject_type, subject_id, detail::text AS detail FROM audit_event WHERE action = 'SUBJECT_ACCESS'`,
    );
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0]).toMatchObject({
      actor: 'fg-rotterdam',
      municipality: 'GM0599',
      subject_type: 'data_subject',
    });
    expect(audited.rows[0].subject_id).toMatch(/^[0-9a-f]{64}$/);
    expect(audited.rows[0].detail).not.toContain(ANNA.surname);
    expect(audited.rows[0].detail).toContain(report.signals[0].id);
  });

  it('renders the report as a PDF that parses', async () => {
    const res = await gql<{ subjectAccess: { pdfBase64: string } }>(hub, PDF, { person: personOf(ANNA) }, officer);
    expect(res.errors).toBeUndefined();
    const pdf = Buffer.from(res.data!.subjectAccess.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // The page tree: one /Pages node whose /Count equals the /Page objects it holds.
    const count = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]);
    const pages = text.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(pages).toBe(count);
    // A cross-reference table whose offsets point at the objects it names.
    const xref = Number(/startxref\s+(\d+)/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
  });

  it('shows an officer of another municipality nothing, and refuses workers', async () => {
    const report = await access(personOf(ANNA), otherOfficer);
    expect(report.signals).toEqual([]);
    expect(report.cases).toEqual([]);
    expect(report.accesses).toEqual([]);

    const signalId = (await world.db.query(`SELECT id FROM signal WHERE creditor_signal_ref = 'RIGHTS-A1'`)).rows[0].id;
    const person = personOf(ANNA);
    for (const [query, variables] of [
      [ACCESS, { person }],
      [RECTIFY, { id: signalId, changes: { firstNames: 'X' } }],
      [ERASE, { person }],
      [OBJECT, { person }],
    ] as const) {
      expect(errorCodes(await gql(hub, query, variables, worker))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await gql(hub, RECTIFY, { id: signalId, changes: { firstNames: 'X' } }, otherOfficer))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await gql(hub, ERASE, { person }, otherOfficer))).toEqual(['NOT_FOUND']);
    expect(await world.count(`SELECT count(*) FROM signal WHERE first_names = 'X'`)).toBe(0);
  });

  it('validates input with the ingest’s field rules', async () => {
    expect(
      errorCodes(await gql(hub, ACCESS, { person: { ...personOf(ANNA), birthDate: '1971-02-30' } }, officer)),
    ).toEqual(['BAD_USER_INPUT']);
    const signalId = (await world.db.query(`SELECT id FROM signal WHERE creditor_signal_ref = 'RIGHTS-A1'`)).rows[0].id;
    for (const changes of [{ birthDate: '1971-13-01' }, { surname: '  ' }, { surnamePrefix: 'x'.repeat(11) }, {}]) {
      expect(errorCodes(await gql(hub, RECTIFY, { id: signalId, changes }, officer))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('rectifies a signal and audits which fields changed, never their values', async () => {
    const signalId = (await world.db.query(`SELECT id FROM signal WHERE creditor_signal_ref = 'RIGHTS-A1'`)).rows[0].id;
    const res = await gql<{ rectifySubject: string[] }>(
      hub,
      RECTIFY,
      {
        id: signalId,
        changes: { firstNames: '  Annabel   Maria ', email: 'anna.gecorrigeerd@example.org', phone: '' },
      },
      officer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.rectifySubject.sort()).toEqual(['email', 'firstNames', 'phone']);
    const { rows } = await world.db.query(`SELECT first_names, email, phone FROM signal WHERE id = $1`, [signalId]);
    expect(rows[0]).toEqual({ first_names: 'Annabel Maria', email: 'anna.gecorrigeerd@example.org', phone: null });
    const audit = await world.db.query(
      `SELECT subject_type, subject_id, detail FROM audit_event WHERE action = 'SUBJECT_RECTIFIED'`,
    );
    expect(audit.rows).toEqual([
      { subject_type: 'signal', subject_id: signalId, detail: { fields: ['firstNames', 'phone', 'email'] } },
    ]);
    expect(await world.tablesContaining('gecorrigeerd')).toEqual(['signal']);
  });

  it('records an objection that stops new signals of that person only', async () => {
    const res = await gql<{ recordObjection: { recorded: boolean } }>(hub, OBJECT, { person: personOf(BRAM) }, officer);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordObjection.recorded).toBe(true);
    expect((await access(personOf(BRAM))).objectionRecorded).toBe(true);
    // Pseudonymised: the objection table holds no clear name, date or address.
    expect(await world.tablesContaining(BRAM.surname)).toEqual(['signal']);
    const { rows: objections } = await world.db.query(`SELECT * FROM data_subject_objection`);
    expect(JSON.stringify(objections)).not.toContain(BRAM.birthDate);
    expect(JSON.stringify(objections)).not.toContain(String(household[2].signal.postcode));

    const bramAgain = as(household[2], { ...BRAM, surname: 'BEZWAARSMA' }, 'RIGHTS-B2');
    const annaAgain = as(household[0], ANNA, 'RIGHTS-A3');
    await producer.send(world.topics.signals, world.records([bramAgain, annaAgain]));
    await world.eventually(
      async () => feedback.filter((f) => ['RIGHTS-B2', 'RIGHTS-A3'].includes(f.creditorSignalRef)).length,
      (n) => n >= 2,
    );
    const told = (ref: string) =>
      feedback.filter((f) => f.creditorSignalRef === ref).map((f) => [f.status, f.reasonCode ?? null]);
    expect(told('RIGHTS-B2')).toEqual([[FeedbackStatus.NOT_PICKED_UP, null]]);
    expect(told('RIGHTS-A3')).toEqual([[FeedbackStatus.ACCEPTED, null]]);
    expect(await world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'RIGHTS-B2'`)).toBe(0);
    expect(await world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = 'RIGHTS-A3'`)).toBe(1);
    expect(await world.count(`SELECT count(*) FROM signal WHERE surname ILIKE $1`, [BRAM.surname])).toBe(1);

    const again = await gql<{ recordObjection: { recorded: boolean } }>(
      hub,
      OBJECT,
      { person: personOf(BRAM) },
      officer,
    );
    expect(again.data!.recordObjection.recorded).toBe(false);
    expect(await world.count(`SELECT count(*) FROM audit_event WHERE action = 'SUBJECT_OBJECTION_RECORDED'`)).toBe(2);
  });

  it('refuses erasure while a case is being worked, and erases once it is closed', async () => {
    const [caseId] = (
      await world.db.query(`SELECT DISTINCT case_id FROM signal WHERE surname = $1`, [ANNA.surname])
    ).rows.map((r) => r.case_id as string);
    const picked = await gql(hub, `mutation P($id: ID!) { pickUpCase(id: $id) { id } }`, { id: caseId }, worker);
    expect(picked.errors).toBeUndefined();
    const note = await gql(
      hub,
      `mutation N($id: ID!) { addCaseNote(caseId: $id, text: "Gesprek met bewoners") { id } }`,
      { id: caseId },
      worker,
    );
    expect(note.errors).toBeUndefined();

    const refused = await gql(hub, ERASE, { person: personOf(ANNA) }, officer);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(await world.count(`SELECT count(*) FROM signal WHERE surname = $1`, [ANNA.surname])).toBe(3);

    const closed = await gql(
      hub,
      `mutation C($id: ID!) { closeCase(id: $id, result: NO_HELP_WANTED) { id } }`,
      { id: caseId },
      worker,
    );
    expect(closed.errors).toBeUndefined();
    const res = await gql<{ eraseSubject: { erasedSignals: number; deletedNotes: number } }>(
      hub,
      ERASE,
      { person: personOf(ANNA) },
      officer,
    );
    expect(res.errors).toBeUndefined();
    // The note of the shared case stays: Bram's signal is in it too.
    expect(res.data!.eraseSubject).toEqual({ erasedSignals: 3, deletedNotes: 0 });
    for (const value of [ANNA.surname, ANNA.firstNames, ANNA.birthDate, 'annabel@example.org', 'gecorrigeerd']) {
      expect(await world.tablesContaining(value)).toEqual([]);
    }
    expect(await world.count(`SELECT count(*) FROM signal WHERE surname = $1`, [BRAM.surname])).toBe(1);
    expect(await world.count(`SELECT count(*) FROM case_note`)).toBe(1);
    expect((await access(personOf(ANNA))).signals).toEqual([]);
    const audit = await world.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'SUBJECT_ERASED'`);
    expect(audit.rows[0].n).toBe(3);
  });

  it('erases a person nobody picked up yet: the creditor learns only "not picked up"', async () => {
    const res = await gql<{ eraseSubject: { erasedSignals: number; deletedNotes: number } }>(
      hub,
      ERASE,
      { person: personOf(CHRIS, elsewhere) },
      officer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.eraseSubject).toEqual({ erasedSignals: 1, deletedNotes: 0 });
    await world.eventually(
      async () => feedback.filter((f) => f.creditorSignalRef === 'RIGHTS-C1').length,
      (n) => n >= 2,
    );
    expect(
      feedback.filter((f) => f.creditorSignalRef === 'RIGHTS-C1').map((f) => [f.status, f.reasonCode ?? null]),
    ).toEqual([
      [FeedbackStatus.ACCEPTED, null],
      [FeedbackStatus.NOT_PICKED_UP, null],
    ]);
    expect(await world.tablesContaining(CHRIS.surname)).toEqual([]);
    const { rows } = await world.db.query(
      `SELECT status, amount_cents FROM signal WHERE creditor_signal_ref = 'RIGHTS-C1'`,
    );
    expect(rows).toEqual([{ status: 'NOT_PICKED_UP_OTHER', amount_cents: String(elsewhere.signal.amountCents) }]);
  });
});
