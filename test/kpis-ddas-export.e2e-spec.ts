import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CASE_RESULTS, DDAS_SIGNAALPARTNER, SIGNAL_STATUSES, sectorFromProto } from '@signaalhub/domain';
import { loadDdasSchema, loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { DdasExporter } from '../apps/hub/src/index.js';
import { errorCodes, gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const KPIS = `query K($from: String!, $to: String!) { municipalityKpis(from: $from, to: $to) {
  municipality from to inhabitants signals signalsPerThousandInhabitants
  signalsBySector { sector count perThousandInhabitants } signalsByStatus { status count }
  cases casesPickedUp sharePickedUp casesContactAttempted casesReached shareReached
  medianDaysToFirstContactAttempt medianDaysToFirstReachedContact
  casesClosed results { result count } casesHelpAccepted shareHelpAccepted } }`;
const EXPORT = `query E($from: String!, $to: String!, $page: Int) { ddasExport(from: $from, to: $to, page: $page) {
  page pages signals cases document } }`;
const PICK_UP = `mutation P($id: ID!) { pickUpCase(id: $id) { id } }`;
const CLOSE = `mutation C($id: ID!, $result: CaseResult!) { closeCase(id: $id, result: $result) { id } }`;

interface Kpis {
  municipality: string;
  inhabitants: number;
  signals: number;
  signalsPerThousandInhabitants: number;
  signalsBySector: Array<{ sector: string; count: number; perThousandInhabitants: number }>;
  signalsByStatus: Array<{ status: string; count: number }>;
  cases: number;
  casesPickedUp: number;
  sharePickedUp: number | null;
  casesContactAttempted: number;
  casesReached: number;
  shareReached: number | null;
  medianDaysToFirstContactAttempt: number | null;
  medianDaysToFirstReachedContact: number | null;
  casesClosed: number;
  results: Array<{ result: string; count: number }>;
  casesHelpAccepted: number;
  shareHelpAccepted: number | null;
}
interface DdasDocument {
  leveringen: Array<{
    gemeentecode: string;
    vroegsignalen: Array<{
      ID: string;
      status: string;
      signaalpartner: { type: string };
      client: Record<string, string>;
    }>;
    vroegsignaalzaken: Array<{
      resultaat?: string;
      datumOpgepakt?: string;
      vroegsignalen: Array<{ ID: string }>;
      contactpogingen: Array<{ bereikt: boolean }>;
    }>;
  }>;
}

const FROM = '2026-11-01';
const TO = '2026-11-30';
const ROTTERDAM = 'GM0599';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
formats.default(ajv);
const validDdas = ajv.compile(loadDdasSchema());

const tally = (items: string[]): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [item]: (acc[item] ?? 0) + 1 }), {});

describe('municipality figures and the DDAS export to CBS', () => {
  const world = new HubWorld('kpis', { seedCreditors: true });
  const reference = loadReferenceData();
  let hub: INestApplication;
  let worker: string;
  let teamLead: string;
  let inPeriod: SyntheticSignal[];
  let caseIds: string[];

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    // Six households of Rotterdam in the period, one of them also signalled before it; one of Amsterdam.
    inPeriod = generateSignals(reference, {
      count: 6,
      households: 6,
      municipalities: [ROTTERDAM],
      seed: 81,
      signalDate: '2026-11-02',
    });
    const before = generateSignals(reference, {
      count: 1,
      municipalities: [ROTTERDAM],
      seed: 82,
      signalDate: '2026-10-01',
    });
    const amsterdam = generateSignals(reference, {
      count: 1,
      municipalities: ['GM0363'],
      seed: 83,
      signalDate: '2026-11-02',
    });
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records([...inPeriod, ...before, ...amsterdam]));
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal`),
      (n) => n >= 8,
    );
    worker = await world.token({ roles: ['worker'], municipality: ROTTERDAM, sub: 'worker-rdam' });
    teamLead = await world.token({ roles: ['team_lead'], municipality: ROTTERDAM, sub: 'lead-rdam' });
    caseIds = (
      await world.db.query(
        `SELECT c.id FROM signal_case c WHERE c.municipality = $1 AND c.first_signal_date = '2026-11-02' ORDER BY c.id`,
        [ROTTERDAM],
      )
    ).rows.map((r) => r.id as string);
    expect(caseIds).toHaveLength(6);

    // Case 1: picked up, not reached on day 1, reached on day 3, advice: help accepted.
    // Case 2: picked up, reached on day 2, closed as "manages alone". Case 3: picked up, not reached on day 5.
    // Case 4: closed without pick-up. Cases 5 and 6: untouched.
    for (const id of caseIds.slice(0, 3)) expect((await gql(hub, PICK_UP, { id }, worker)).errors).toBeUndefined();
    const attempt = (caseId: string, on: string, reached: boolean, dayPart: string | null) =>
      world.db.query(
        `INSERT INTO contact_attempt (case_id, kind, reached, attempted_on, day_part, recorded_by)
         VALUES ($1, 'HOME_VISIT', $2, $3, $4, 'worker-rdam')`,
        [caseId, reached, on, dayPart],
      );
    await attempt(caseIds[0], '2026-11-03', false, 'MORNING');
    await attempt(caseIds[0], '2026-11-05', true, 'EVENING');
    await attempt(caseIds[1], '2026-11-04', true, null);
    await attempt(caseIds[2], '2026-11-07', false, 'AFTERNOON');
    for (const [id, result] of [
      [caseIds[0], 'ADVICE_OR_QUICK_FIX'],
      [caseIds[1], 'NO_HELP_WANTED'],
      [caseIds[3], 'NOT_PICKED_UP_OTHER'],
    ]) {
      expect((await gql(hub, CLOSE, { id, result }, worker)).errors).toBeUndefined();
    }
  });

  afterAll(() => world.close());

  const kpisOf = async (token: string): Promise<Kpis> => {
    const res = await gql<{ municipalityKpis: Kpis }>(hub, KPIS, { from: FROM, to: TO }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.municipalityKpis;
  };

  it('computes the monitor figures of the period exactly', async () => {
    const kpis = await kpisOf(worker);
    const inhabitants = reference.population.get(ROTTERDAM)!;
    const perThousand = (n: number) => Math.round((n * 100_000) / inhabitants) / 100;
    const sectors = tally(inPeriod.map((s) => sectorFromProto(s.signal.sector!)!));
    expect(kpis).toEqual({
      municipality: ROTTERDAM,
      from: FROM,
      to: TO,
      inhabitants,
      signals: 6,
      signalsPerThousandInhabitants: perThousand(6),
      signalsBySector: Object.keys(sectors)
        .sort()
        .map((sector) => ({ sector, count: sectors[sector], perThousandInhabitants: perThousand(sectors[sector]) })),
      signalsByStatus: [
        { status: 'NOT_PICKED_UP_OTHER', count: 1 },
        { status: 'NOT_YET_PICKED_UP', count: 2 },
        { status: 'PICKED_UP', count: 3 },
      ],
      cases: 6,
      casesPickedUp: 3,
      sharePickedUp: 0.5,
      casesContactAttempted: 3,
      casesReached: 2,
      shareReached: 0.3333,
      // First attempts after 1, 2 and 5 days; first reached contacts after 3 and 2 days.
      medianDaysToFirstContactAttempt: 2,
      medianDaysToFirstReachedContact: 2.5,
      casesClosed: 3,
      results: [
        { result: 'ADVICE_OR_QUICK_FIX', count: 1 },
        { result: 'NOT_PICKED_UP_OTHER', count: 1 },
        { result: 'NO_HELP_WANTED', count: 1 },
      ],
      casesHelpAccepted: 1,
      shareHelpAccepted: 0.3333,
    });
    expect(await kpisOf(teamLead)).toEqual(kpis);
  });

  it('exports a document that satisfies the DDAS schema and whose counts equal the figures', async () => {
    const kpis = await kpisOf(teamLead);
    const res = await gql<{
      ddasExport: { page: number; pages: number; signals: number; cases: number; document: string };
    }>(hub, EXPORT, { from: FROM, to: TO }, teamLead);
    expect(res.errors).toBeUndefined();
    const page = res.data!.ddasExport;
    const document = JSON.parse(page.document) as DdasDocument;
    expect(validDdas(document)).toBe(true);
    expect(validDdas.errors ?? []).toEqual([]);
    expect(page).toMatchObject({ page: 1, pages: 1, signals: 6, cases: 6 });

    const [levering] = document.leveringen;
    expect(levering.gemeentecode).toBe('0599');
    expect(levering.vroegsignalen).toHaveLength(kpis.signals);
    expect(levering.vroegsignaalzaken).toHaveLength(kpis.cases);
    expect(tally(levering.vroegsignalen.map((s) => s.signaalpartner.type))).toEqual(
      Object.fromEntries(kpis.signalsBySector.map((s) => [DDAS_SIGNAALPARTNER[s.sector as 'HUUR'], s.count])),
    );
    expect(tally(levering.vroegsignalen.map((s) => s.status))).toEqual(
      Object.fromEntries(kpis.signalsByStatus.map((s) => [SIGNAL_STATUSES[s.status as 'PICKED_UP'], s.count])),
    );
    expect(levering.vroegsignaalzaken.filter((c) => c.datumOpgepakt).length).toBe(kpis.casesPickedUp);
    expect(levering.vroegsignaalzaken.filter((c) => c.contactpogingen.length > 0).length).toBe(
      kpis.casesContactAttempted,
    );
    expect(levering.vroegsignaalzaken.filter((c) => c.contactpogingen.some((a) => a.bereikt)).length).toBe(
      kpis.casesReached,
    );
    expect(tally(levering.vroegsignaalzaken.flatMap((c) => (c.resultaat ? [c.resultaat] : [])))).toEqual(
      Object.fromEntries(kpis.results.map((r) => [CASE_RESULTS[r.result as 'DECEASED'], r.count])),
    );
    // The hub's signal ids, and the client by address, never a BSN.
    const ids = (await world.db.query(`SELECT id FROM signal WHERE case_id = ANY($1::uuid[])`, [caseIds])).rows;
    expect(levering.vroegsignalen.map((s) => s.ID).sort()).toEqual(ids.map((r) => r.id as string).sort());
    expect(levering.vroegsignalen.every((s) => s.client.postcode && s.client.huisnummer)).toBe(true);
    expect(levering.vroegsignalen.some((s) => 'burgerservicenummer' in s.client)).toBe(false);

    // Personal data left the hub: one audit row per exported case, under the team lead.
    const audits = await world.db.query(
      `SELECT actor, actor_role, municipality, subject_id, detail FROM audit_event WHERE action = 'DDAS_EXPORTED' AND actor = 'lead-rdam'`,
    );
    expect(audits.rows.map((r) => r.subject_id as string).sort()).toEqual([...caseIds].sort());
    expect(audits.rows[0]).toMatchObject({
      actor_role: 'team_lead',
      municipality: ROTTERDAM,
      detail: { from: FROM, to: TO, page: 1 },
    });
  });

  it('pages the delivery: every page valid, cases whole, and no page beyond the last', async () => {
    const exporter = hub.get(DdasExporter);
    const principal = { subject: 'lead-rdam', roles: ['team_lead' as const], municipality: ROTTERDAM, creditor: null };
    const pages = [];
    for (let n = 1; n <= 3; n++) pages.push(await exporter.page(principal, FROM, TO, n, 2));
    expect(pages.map((p) => [p.page, p.pages, p.signals, p.cases])).toEqual([
      [1, 3, 2, 2],
      [2, 3, 2, 2],
      [3, 3, 2, 2],
    ]);
    for (const p of pages) expect(validDdas(p.document)).toBe(true);
    await expect(exporter.page(principal, FROM, TO, 4, 2)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorCodes(await gql(hub, EXPORT, { from: FROM, to: TO, page: 2 }, teamLead))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(hub, EXPORT, { from: FROM, to: TO, page: 0 }, teamLead))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses periods that are not dates, run backwards, last over a year, or (for the export) are not over', async () => {
    for (const [from, to] of [
      ['2026-11-31', TO],
      ['2026-11-10', '2026-11-01'],
      ['2025-01-01', '2026-11-30'],
    ]) {
      expect(errorCodes(await gql(hub, KPIS, { from, to }, worker))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await gql(hub, EXPORT, { from, to }, worker))).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await gql(hub, EXPORT, { from: FROM, to: '2999-01-01' }, worker))).toEqual(['BAD_USER_INPUT']);
  });

  it('gives a worker of another municipality nothing of Rotterdam, and other roles nothing at all', async () => {
    const amsterdam = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-adam' });
    const kpis = await kpisOf(amsterdam);
    expect(kpis).toMatchObject({ municipality: 'GM0363', signals: 1, cases: 1, casesPickedUp: 0 });
    const res = await gql<{ ddasExport: { document: string } }>(hub, EXPORT, { from: FROM, to: TO }, amsterdam);
    const exported = (JSON.parse(res.data!.ddasExport.document) as DdasDocument).leveringen[0].vroegsignalen.map(
      (s) => s.ID,
    );
    const rotterdam = (await world.db.query(`SELECT id FROM signal WHERE municipality = $1`, [ROTTERDAM])).rows;
    expect(exported).toHaveLength(1);
    expect(rotterdam.some((r) => exported.includes(r.id as string))).toBe(false);
    const operator = await world.token({ roles: ['operator'] });
    expect(errorCodes(await gql(hub, KPIS, { from: FROM, to: TO }, operator))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(hub, EXPORT, { from: FROM, to: TO }, operator))).toEqual(['FORBIDDEN']);
  });

  it('writes the same delivery from the command line, page files validated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddas-export-'));
    const out = join(dir, 'levering.json');
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        './tools/ts/register.mjs',
        'apps/hub/src/ddas/ddas-export-cli.ts',
        '--municipality',
        ROTTERDAM,
        '--from',
        FROM,
        '--to',
        TO,
        '--out',
        out,
      ],
      { env: { ...process.env, DATABASE_URL: await world.databaseUrl } },
    );
    expect(readdirSync(dir)).toEqual(['levering.json']);
    const document = JSON.parse(readFileSync(out, 'utf8')) as DdasDocument;
    expect(validDdas(document)).toBe(true);
    expect(document.leveringen[0].vroegsignalen).toHaveLength(6);
    expect(
      await world.count(`SELECT count(*) FROM audit_event WHERE action = 'DDAS_EXPORTED' AND actor LIKE 'cli:%'`),
    ).toBe(6);
  });
});
