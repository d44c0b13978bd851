import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Sector, type SignalInit } from '@signaalhub/contracts';
import { addMonths } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { DdasExporter, RetentionService } from '../apps/hub/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const LINDE = 'woningcorporatie-de-linde'; // registered for HUUR
const ROTTERDAM = 'GM0599';
const AMSTERDAM = 'GM0363';
const dutchDay = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const today = dutchDay(new Date());
const dayOffset = (n: number) => dutchDay(new Date(Date.now() + n * 86_400_000));
const FROM = dayOffset(-1);
const TO = dayOffset(1);
/** A day by which every term of this scenario has come. */
const FAR = `${Number(today.slice(0, 4)) + 2}-12-31`;

const REPORT = `query D($from: String!, $to: String!, $groupBy: DataSharingGroupBy) {
  dataSharingReport(from: $from, to: $to, groupBy: $groupBy) {
    scope municipality
    rows { key received stored accepted refused refusedByReason { label count } droppedFields { label count }
      feedbackByKind { status reasonCode count } }
    totals { key received stored accepted refused refusedByReason { label count } droppedFields { label count }
      feedbackByKind { status reasonCode count } }
    register { code legalBasis currentRecipients retention }
    retentionPolicy { unpickedSignalMonths closedCaseMonths isDefault } } }`;
const RETENTION = `query R { retentionReport(first: 10) {
  scope municipality today overdue policy { unpickedSignalMonths closedCaseMonths isDefault }
  due { kind dueOn count }
  runs { hasNextPage endCursor edges { cursor node { municipality actor policy { unpickedSignalMonths closedCaseMonths }
    casesPurged signalsPurged householdsPurged notesDeleted } } } } }`;
const KPIS = `query K($from: String!, $to: String!) { municipalityKpis(from: $from, to: $to) {
  signals signalsBySector { sector count } signalsByStatus { status count } cases casesPickedUp
  casesContactAttempted casesReached casesClosed results { result count } casesHelpAccepted
  medianDaysToFirstContactAttempt medianDaysToFirstReachedContact } }`;
const SET_POLICY = `mutation S($input: SetRetentionPolicyInput!) {
  setRetentionPolicy(input: $input) { municipality unpickedSignalMonths closedCaseMonths } }`;

interface Row {
  key: string | null;
  received: number;
  stored: number;
  accepted: number;
  refused: number;
  refusedByReason: Array<{ label: string; count: number }>;
  droppedFields: Array<{ label: string; count: number }>;
  feedbackByKind: Array<{ status: string; reasonCode: string | null; count: number }>;
}
interface Report {
  scope: string;
  municipality: string | null;
  rows: Row[];
  totals: Row;
  register: Array<{ code: string; legalBasis: string; currentRecipients: string[]; retention: string }>;
  retentionPolicy: { unpickedSignalMonths: number; closedCaseMonths: number; isDefault: boolean } | null;
}
interface RetentionReport {
  scope: string;
  municipality: string | null;
  overdue: number;
  policy: { unpickedSignalMonths: number; closedCaseMonths: number; isDefault: boolean } | null;
  due: Array<{ kind: string; dueOn: string; count: number }>;
  runs: {
    edges: Array<{
      node: {
        municipality: string | null;
        actor: string;
        policy: { unpickedSignalMonths: number; closedCaseMonths: number };
        casesPurged: number;
        signalsPurged: number;
        householdsPurged: number;
        notesDeleted: number;
      };
    }>;
  };
}

/** Personal values no generator list holds, so a hit can only be this person's. */
function person(tag: string) {
  return {
    firstNames: `Quirinus${tag}`,
    surname: `Bewaarmans${tag}`,
    street: `Vergeetstraat${tag}`,
    email: `bewaar.${tag.toLowerCase()}@voorbeeld.test`,
    phone: `06${[...tag]
      .map((c) => c.charCodeAt(0))
      .join('')
      .padStart(8, '0')}`,
  };
}

/**
 * The privacy officer's reports and retention, end to end: signed signals through Kafka, refusals,
 * data minimisation, case work, then a retention run that deletes what is past its term.
 */
describe('data-sharing report, retention report and retention', () => {
  const world = new HubWorld('privacy_reports', { seedCreditors: true });
  const reference = loadReferenceData();
  let hub: INestApplication;
  let officer: string;
  let amsterdamOfficer: string;
  let operator: string;
  let worker: string;
  const caseOf: Record<string, string> = {};
  const purgedPeople = ['A', 'B', 'E'].map(person);
  const keptPerson = person('C');
  const noteText = 'Sprak met Quirinus over de huurachterstand bij de Vergeetstraat';

  function linde(
    base: SignalInit,
    ref: string,
    houseNumber: number,
    change: Partial<SignalInit> = {},
  ): SyntheticSignal {
    return {
      creditorId: LINDE,
      signal: { ...base, creditorSignalRef: ref, houseNumber, customerNumber: '', bsn: '', ...change } as SignalInit,
    };
  }
  const baseFor = (municipality: string): SignalInit => {
    const [huur] = generateSignals(reference, { count: 60, municipalities: [municipality], seed: 91 }).filter(
      (s) => s.signal.sector === Sector.HUUR,
    );
    return {
      ...(huur.signal as SignalInit),
      signalDate: today,
      arrearsSince: dayOffset(-45),
      reminderSentOn: dayOffset(-10),
      objectionReceived: false,
    };
  };
  const report = async (token: string, groupBy = 'CREDITOR') => {
    const res = await gql<{ dataSharingReport: Report }>(hub, REPORT, { from: FROM, to: TO, groupBy }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.dataSharingReport;
  };
  const retentionReport = async (token: string) => {
    const res = await gql<{ retentionReport: RetentionReport }>(hub, RETENTION, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data!.retentionReport;
  };
  /** Every row of the tables retention may touch, as text: equal before and after means unchanged. */
  const fingerprint = async () => {
    const parts: string[] = [];
    for (const table of [
      'signal',
      'signal_case',
      'household',
      'case_note',
      'contact_attempt',
      'audit_event',
      'retention_run',
    ]) {
      const { rows } = await world.db.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
      );
      parts.push(`${table}:${rows[0].h}`);
    }
    return parts.join(',');
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    officer = await world.token({ roles: ['privacy_officer'], municipality: ROTTERDAM, sub: 'fg-rdam' });
    amsterdamOfficer = await world.token({ roles: ['privacy_officer'], municipality: AMSTERDAM, sub: 'fg-adam' });
    operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    worker = await world.token({ roles: ['worker'], municipality: ROTTERDAM, sub: 'worker-rdam' });

    const policy = await gql(
      hub,
      SET_POLICY,
      { input: { municipality: ROTTERDAM, unpickedSignalMonths: 3, closedCaseMonths: 12 } },
      operator,
    );
    expect(policy.errors).toBeUndefined();

    const rdam = baseFor(ROTTERDAM);
    const adam = baseFor(AMSTERDAM);
    const [a, b, e] = purgedPeople;
    const producer = await world.bus.createProducer();
    await producer.send(
      world.topics.signals,
      world.records([
        // Rent has no customer number and no sector may send a BSN: minimisation drops them.
        linde(rdam, 'RET-A', 201, { ...a, customerNumber: 'KLANT-A-4471', bsn: '111222333' }),
        linde(rdam, 'RET-B', 202, { ...b, customerNumber: 'KLANT-B-4472' }),
        linde(rdam, 'RET-C', 203, keptPerson),
        // Stored, not accepted: outside the rent window ("Niet opgepakt: onterecht signaal").
        linde(rdam, 'RET-E', 204, { ...e, arrearsSince: dayOffset(-29) }),
        // Refused: the debtor objected. Nothing of them is stored.
        linde(rdam, 'RET-R1', 205, { ...person('R1'), objectionReceived: true }),
        linde(rdam, 'RET-R2', 206, { ...person('R2'), objectionReceived: true }),
        linde(adam, 'RET-D', 207, person('D')),
        linde(adam, 'RET-R3', 208, { ...person('R3'), objectionReceived: true }),
      ]),
    );
    await world.eventually(
      async () =>
        (await world.count(`SELECT count(*) FROM signal`)) +
        (await world.count(`SELECT count(*) FROM refused_message`)),
      (n) => n === 8,
    );
    expect(await world.count(`SELECT count(*) FROM signal`)).toBe(5);
    const { rows } = await world.db.query(`SELECT creditor_signal_ref AS ref, case_id FROM signal`);
    for (const r of rows) caseOf[r.ref.replace('RET-', '')] = r.case_id;

    // Case work: B is worked and closed with a note, C is picked up and stays open, A and E are never picked up.
    const contact = await gql(
      hub,
      `mutation R($caseId: ID!, $input: ContactAttemptInput!) { recordContactAttempt(caseId: $caseId, input: $input) { id } }`,
      { caseId: caseOf.B, input: { kind: 'PHONE', reached: true, date: today } },
      worker,
    );
    expect(contact.errors).toBeUndefined();
    const note = await gql(
      hub,
      `mutation N($caseId: ID!, $text: String!) { addCaseNote(caseId: $caseId, text: $text) { id } }`,
      { caseId: caseOf.B, text: noteText },
      worker,
    );
    expect(note.errors).toBeUndefined();
    const close = await gql(
      hub,
      `mutation C($id: ID!) { closeCase(id: $id, result: ADVICE_OR_QUICK_FIX) { id } }`,
      { id: caseOf.B },
      worker,
    );
    expect(close.errors).toBeUndefined();
    expect(
      (await gql(hub, `mutation P($id: ID!) { pickUpCase(id: $id) { id } }`, { id: caseOf.C }, worker)).errors,
    ).toBeUndefined();
    // Every feedback message published, so the report's feedback counts are final.
    await world.eventually(
      () => world.count(`SELECT count(*) FROM feedback_outbox WHERE published_at IS NULL`),
      (n) => n === 0,
    );
  }, 120_000);

  afterAll(() => world.close());

  it('counts received, accepted, refused by reason and dropped fields for the officer’s municipality, exactly', async () => {
    const rdam = await report(officer);
    expect(rdam.scope).toBe('MUNICIPALITY');
    expect(rdam.municipality).toBe(ROTTERDAM);
    expect(rdam.rows.map((r) => r.key)).toEqual([LINDE]);
    const expected = {
      key: null,
      received: 6,
      stored: 4,
      accepted: 3,
      refused: 2,
      refusedByReason: [{ label: 'OBJECTION_RECEIVED', count: 2 }],
      droppedFields: [
        { label: 'bsn', count: 1 },
        { label: 'customerNumber', count: 2 },
      ],
    };
    expect(rdam.totals).toMatchObject(expected);
    expect(rdam.rows[0]).toMatchObject({ ...expected, key: LINDE });
    // Creditors heard "accepted" for the three accepted signals; refusals have no stored signal to tie
    // them to a municipality, so they count hub-wide only.
    expect(rdam.totals.feedbackByKind).toContainEqual({ status: 'ACCEPTED', reasonCode: null, count: 3 });
    expect(rdam.totals.feedbackByKind.filter((f) => f.status === 'REJECTED')).toEqual([]);

    const bySector = await report(officer, 'SECTOR');
    expect(bySector.rows).toEqual([{ ...rdam.rows[0], key: 'HUUR' }]);
    const byMonth = await report(officer, 'MONTH');
    expect(byMonth.totals).toEqual(rdam.totals);

    // The register of processing activities, with the recipients in force and the municipality's terms.
    const inform = rdam.register.find((a) => a.code === 'INFORM_CREDITOR')!;
    expect(inform.currentRecipients).toContain(LINDE);
    expect(rdam.register.find((a) => a.code === 'RECEIVE_SIGNAL')).toMatchObject({
      currentRecipients: [ROTTERDAM],
      retention: expect.stringContaining('3 months'),
    });
    expect(rdam.retentionPolicy).toEqual({ unpickedSignalMonths: 3, closedCaseMonths: 12, isDefault: false });
  });

  it('shows an officer of another municipality only that municipality, and an operator the hub as a whole', async () => {
    const adam = await report(amsterdamOfficer);
    expect(adam.totals).toMatchObject({ received: 2, stored: 1, accepted: 1, refused: 1, droppedFields: [] });
    expect(adam.retentionPolicy).toEqual({ unpickedSignalMonths: 6, closedCaseMonths: 12, isDefault: true });

    const hubWide = await report(operator);
    expect(hubWide).toMatchObject({ scope: 'HUB', municipality: null, retentionPolicy: null });
    expect(hubWide.totals).toMatchObject({
      received: 8,
      stored: 5,
      accepted: 4,
      refused: 3,
      refusedByReason: [{ label: 'OBJECTION_RECEIVED', count: 3 }],
    });
    expect(hubWide.totals.feedbackByKind).toContainEqual({
      status: 'REJECTED',
      reasonCode: 'OBJECTION_RECEIVED',
      count: 3,
    });
    expect(hubWide.register.find((a) => a.code === 'RECEIVE_SIGNAL')!.currentRecipients).toEqual([]);
  });

  it('refuses workers and team leads the reports, and everybody but an operator the retention terms', async () => {
    const lead = await world.token({ roles: ['team_lead'], municipality: ROTTERDAM, sub: 'lead-rdam' });
    for (const token of [worker, lead]) {
      expect(errorCodes(await gql(hub, REPORT, { from: FROM, to: TO }, token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await gql(hub, RETENTION, {}, token))).toEqual(['FORBIDDEN']);
    }
    const input = { municipality: ROTTERDAM, unpickedSignalMonths: 1, closedCaseMonths: 1 };
    expect(errorCodes(await gql(hub, SET_POLICY, { input }, officer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, SET_POLICY, { input: { ...input, closedCaseMonths: 0 } }, operator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gql(hub, SET_POLICY, { input: { ...input, municipality: 'GM9999' } }, operator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await gql(hub, REPORT, { from: '2020-01-01', to: TO }, officer))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, REPORT, { from: 'gisteren', to: TO }, officer))).toEqual(['BAD_USER_INPUT']);
  });

  it('reports what is due, by kind and day, under the municipality’s terms', async () => {
    const rdam = await retentionReport(officer);
    expect(rdam).toMatchObject({
      scope: 'MUNICIPALITY',
      municipality: ROTTERDAM,
      overdue: 0,
      policy: { unpickedSignalMonths: 3, closedCaseMonths: 12, isDefault: false },
    });
    expect(rdam.due).toEqual([
      { kind: 'NEVER_PICKED_UP', dueOn: addMonths(today, 3), count: 2 },
      { kind: 'CLOSED_CASE', dueOn: addMonths(today, 12), count: 1 },
    ]);
    expect(rdam.runs.edges).toEqual([]);
    const adam = await retentionReport(amsterdamOfficer);
    expect(adam.due).toEqual([{ kind: 'NEVER_PICKED_UP', dueOn: addMonths(today, 6), count: 1 }]);
  });

  it('changes nothing in a dry run', async () => {
    const before = await fingerprint();
    const outcomes = await hub.get(RetentionService).run({ dryRun: true, actor: 'test', today: FAR });
    expect(outcomes.map((o) => [o.municipality, o.due, o.purged.cases])).toEqual([
      [AMSTERDAM, { NEVER_PICKED_UP: 1, CLOSED_CASE: 0 }, 0],
      [ROTTERDAM, { NEVER_PICKED_UP: 2, CLOSED_CASE: 1 }, 0],
    ]);
    expect(await fingerprint()).toBe(before);
    for (const value of Object.values(purgedPeople[0])) expect(await world.tablesContaining(value)).not.toEqual([]);
  });

  it('previews the same from the command line, changing nothing', async () => {
    const before = await fingerprint();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './tools/ts/register.mjs', 'apps/hub/src/privacy/retention-cli.ts', '--dry-run', '--as-of', FAR],
      { env: { ...process.env, DATABASE_URL: await world.databaseUrl } },
    );
    const lines = stdout.trim().split('\n');
    expect(lines.slice(1, 3).map((l) => l.split(/\s+/))).toEqual([
      [AMSTERDAM, '6/12m', '1', '0', '0', '0', '0', '0'],
      [ROTTERDAM, '3/12m', '2', '1', '0', '0', '0', '0'],
    ]);
    expect(lines.at(-1)).toBe('dry run: nothing was deleted');
    expect(await fingerprint()).toBe(before);
    // A real run judges by today's terms only.
    await expect(
      promisify(execFile)(
        process.execPath,
        ['--import', './tools/ts/register.mjs', 'apps/hub/src/privacy/retention-cli.ts', '--as-of', FAR],
        { env: { ...process.env, DATABASE_URL: await world.databaseUrl } },
      ),
    ).rejects.toMatchObject({ code: 64 });
  });

  it('deletes the personal data past their term everywhere in PostgreSQL, and the figures stay the same', async () => {
    const kpis = async () => {
      const res = await gql(hub, KPIS, { from: FROM, to: TO }, worker);
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const figuresBefore = await kpis();
    const outcomes = await hub.get(RetentionService).run({ dryRun: false, actor: 'test-retention', today: FAR });
    expect(outcomes.find((o) => o.municipality === ROTTERDAM)!.purged).toEqual({
      cases: 3,
      signals: 3,
      households: 3,
      notes: 1,
    });

    // Every text column of every table searched: none of these values is left.
    for (const value of [...purgedPeople.flatMap((p) => Object.values(p)), 'KLANT-A-4471', noteText.slice(0, 30)]) {
      expect(`${value}: ${(await world.tablesContaining(value)).join(',')}`).toBe(`${value}: `);
    }
    // The case still worked keeps its data; the worked case keeps its contact attempt (kind, day, reached).
    expect(await world.tablesContaining(keptPerson.surname)).toEqual(['signal']);
    expect(await world.count(`SELECT count(*) FROM contact_attempt WHERE case_id = $1`, [caseOf.B])).toBe(1);
    expect(await kpis()).toEqual(figuresBefore);

    // Audited by case id, the audit trail untouched otherwise.
    const { rows: audit } = await world.db.query(
      `SELECT subject_id, municipality FROM audit_event WHERE action = 'RETENTION_PURGED' ORDER BY subject_id`,
    );
    expect(audit).toEqual(
      [
        { subject_id: caseOf.A, municipality: ROTTERDAM },
        { subject_id: caseOf.B, municipality: ROTTERDAM },
        { subject_id: caseOf.D, municipality: AMSTERDAM },
        { subject_id: caseOf.E, municipality: ROTTERDAM },
      ].sort((x, y) => x.subject_id.localeCompare(y.subject_id)),
    );
    // A period with purged cases can no longer be delivered to CBS (judged as if the period were past).
    const exportAfterPurge = hub
      .get(DdasExporter)
      .page(
        { subject: 'worker-rdam', roles: ['worker'], municipality: ROTTERDAM, creditor: null },
        FROM,
        TO,
        1,
        undefined,
        new Date(Date.now() + 7 * 86_400_000),
      );
    await expect(exportAfterPurge).rejects.toMatchObject({ code: 'CONFLICT' });
    // A purged case is gone for workers.
    const gone = await gql(hub, `query C($id: ID!) { case(id: $id) { id } }`, { id: caseOf.A }, worker);
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);

    // The officer sees the run with its terms; the other municipality's officer only their own.
    const rdam = await retentionReport(officer);
    expect(rdam.due).toEqual([]);
    expect(rdam.runs.edges.map((e) => e.node)).toEqual([
      {
        municipality: ROTTERDAM,
        actor: 'test-retention',
        policy: { unpickedSignalMonths: 3, closedCaseMonths: 12 },
        casesPurged: 3,
        signalsPurged: 3,
        householdsPurged: 3,
        notesDeleted: 1,
      },
    ]);
    const adam = await retentionReport(amsterdamOfficer);
    expect(adam.runs.edges.map((e) => [e.node.municipality, e.node.casesPurged])).toEqual([[AMSTERDAM, 1]]);
    const hubWide = await retentionReport(operator);
    expect(hubWide.runs.edges.map((e) => [e.node.municipality, e.node.casesPurged]).sort()).toEqual([
      [null, 1],
      [null, 3],
    ]);

    // The data-sharing figures are counts of ids and codes: a purge leaves them as they were.
    expect((await report(officer)).totals).toMatchObject({ received: 6, stored: 4, accepted: 3, refused: 2 });

    // A second run finds nothing more to do.
    const again = await hub.get(RetentionService).run({ dryRun: false, actor: 'test-retention', today: FAR });
    expect(again).toEqual([]);
  });
});
