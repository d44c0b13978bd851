// The KPIs count a period's cases from the case rows (their signal dates, contact figures kept by a
// trigger), not by joining the period's signals with their cases. This holds the two equal on a
// generated municipality of thousands of cases — signals 21 days apart, so many cases reach over an
// end of a period — with transferred cases, over many periods, against the definition written out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { HELP_ACCEPTED_RESULTS } from '@signaalhub/domain';
import { seed } from '../bench/api/seed.js';
import { gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const AMSTERDAM = 'GM0363';
const KPIS = `query K($from: String!, $to: String!) { municipalityKpis(from: $from, to: $to) {
  signals signalsBySector { sector count } signalsByStatus { status count }
  cases casesPickedUp casesContactAttempted casesReached medianDaysToFirstContactAttempt
  medianDaysToFirstReachedContact casesClosed results { result count } casesHelpAccepted } }`;
const TRANSFER = `mutation T($caseId: ID!, $to: String!) { transferCase(caseId: $caseId, toMunicipality: $to) { id } }`;
const ATTEMPT = `mutation A($caseId: ID!, $on: String!) {
  recordContactAttempt(caseId: $caseId, input: { kind: PHONE, reached: true, date: $on }) { id } }`;

/** The figures by their definition: the period's signals, then the distinct cases they belong to. */
const DEFINITION = `
  WITH s AS (SELECT s.case_id, s.sector, s.status FROM signal s JOIN signal_case c ON c.id = s.case_id
             WHERE s.routing = 'ROUTED' AND s.municipality = $1 AND c.municipality = $1
               AND s.signal_date BETWEEN $2::date AND $3::date),
  cases AS (SELECT c.*, (SELECT min(attempted_on) FROM contact_attempt a WHERE a.case_id = c.id) AS first_attempt,
                   (SELECT min(attempted_on) FROM contact_attempt a WHERE a.case_id = c.id AND a.reached) AS first_reached
            FROM signal_case c WHERE c.id IN (SELECT case_id FROM s))
  SELECT (SELECT count(*)::int FROM s) AS signals,
         (SELECT coalesce(json_agg(json_build_object('sector', sector, 'count', n) ORDER BY sector), '[]')
            FROM (SELECT sector, count(*)::int AS n FROM s GROUP BY sector) x) AS "signalsBySector",
         (SELECT coalesce(json_agg(json_build_object('status', status, 'count', n) ORDER BY status), '[]')
            FROM (SELECT status, count(*)::int AS n FROM s GROUP BY status) x) AS "signalsByStatus",
         (SELECT count(*)::int FROM cases) AS cases,
         (SELECT count(*)::int FROM cases WHERE picked_up_at IS NOT NULL) AS "casesPickedUp",
         (SELECT count(*)::int FROM cases WHERE first_attempt IS NOT NULL) AS "casesContactAttempted",
         (SELECT count(*)::int FROM cases WHERE first_reached IS NOT NULL) AS "casesReached",
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_attempt - first_signal_date) FROM cases)
           AS "medianDaysToFirstContactAttempt",
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reached - first_signal_date) FROM cases)
           AS "medianDaysToFirstReachedContact",
         (SELECT count(*)::int FROM cases WHERE result IS NOT NULL) AS "casesClosed",
         (SELECT coalesce(json_agg(json_build_object('result', result, 'count', n) ORDER BY result), '[]')
            FROM (SELECT result, count(*)::int AS n FROM cases WHERE result IS NOT NULL GROUP BY result) x) AS results,
         (SELECT count(*)::int FROM cases WHERE result = ANY($4::text[])) AS "casesHelpAccepted"`;

describe('the KPIs count a period’s cases from the case rows', () => {
  const world = new HubWorld('kpiperiod');
  let hub: INestApplication;
  let teamLead: string;
  let transferred: string[];

  beforeAll(async () => {
    const url = await world.databaseUrl;
    await seed(url, 20_000);
    await world.ensureTopics();
    hub = await world.startHub();
    teamLead = await world.token({ roles: ['team_lead'], municipality: AMSTERDAM, sub: 'lead-adam' });
    const worker = await world.token({ roles: ['worker'], municipality: AMSTERDAM, sub: 'worker-adam' });
    // Cases being worked (retention closes the old unpicked ones at start): six whose signals lie on
    // both sides of 2025-07-01, and six wholly after it inside 2025 (two sets that cannot overlap).
    const { rows } = await world.db.query(
      `(SELECT id FROM signal_case WHERE municipality = $1 AND status = 'IN_PROGRESS'
          AND first_signal_date < '2025-07-01' AND last_signal_date >= '2025-07-01' ORDER BY id LIMIT 6)
       UNION ALL
       (SELECT id FROM signal_case WHERE municipality = $1 AND status = 'IN_PROGRESS'
          AND first_signal_date > '2025-07-01' AND last_signal_date <= '2025-10-31' ORDER BY id LIMIT 6)`,
      [AMSTERDAM],
    );
    transferred = rows.map((r) => r.id as string);
    for (const caseId of transferred) {
      // A first contact attempt now, before it leaves: the sending case keeps it.
      expect((await gql(hub, ATTEMPT, { caseId, on: '2025-12-01' }, worker)).errors).toBeUndefined();
      expect((await gql(hub, TRANSFER, { caseId, to: 'GM0599' }, worker)).errors).toBeUndefined();
    }
  }, 180_000);

  afterAll(async () => {
    await world.stopHub(hub);
    await world.close();
  });

  it('transferred twelve cases, some over a period end and some inside it', async () => {
    expect(transferred).toHaveLength(12);
    expect(
      await world.count(`SELECT count(*) FROM signal_case WHERE id = ANY($1::uuid[]) AND status = 'TRANSFERRED'`, [
        transferred,
      ]),
    ).toBe(12);
  });

  it.each([
    ['a year', '2025-01-01', '2025-12-31'],
    ['a half year starting mid-case', '2025-07-01', '2025-12-31'],
    ['a month', '2025-06-01', '2025-06-30'],
    ['a fortnight', '2025-09-10', '2025-09-23'],
    ['one day', '2025-07-01', '2025-07-01'],
    ['a period with no signals', '2019-01-01', '2019-03-31'],
    ['the year before the first signals', '2024-01-01', '2024-12-31'],
    ['the latest months', '2026-06-15', '2026-11-30'],
  ])('equal to the definition for %s', async (_label, from, to) => {
    const res = await gql<{ municipalityKpis: Record<string, unknown> }>(hub, KPIS, { from, to }, teamLead);
    expect(res.errors).toBeUndefined();
    const [expected] = (await world.db.query(DEFINITION, [AMSTERDAM, from, to, HELP_ACCEPTED_RESULTS])).rows;
    expect(res.data!.municipalityKpis).toEqual(expected);
  });

  it('counts signals in at least one period (the comparisons are not all of empty periods)', async () => {
    const res = await gql<{ municipalityKpis: { signals: number; cases: number; casesReached: number } }>(
      hub,
      KPIS,
      { from: '2025-01-01', to: '2025-12-31' },
      teamLead,
    );
    expect(res.data!.municipalityKpis.signals).toBeGreaterThan(5_000);
    expect(res.data!.municipalityKpis.cases).toBeGreaterThan(2_000);
    expect(res.data!.municipalityKpis.casesReached).toBeGreaterThan(100);
  });
});
