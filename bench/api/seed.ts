// The stored world the API benchmark reads: N signals generated straight into PostgreSQL by
// set-based statements (no Kafka, no hub), shaped like what ingest stores. Most households live in
// one large municipality (GM0363); each has 1–4 signals of different creditors and one case with
// its figures and urgency columns filled; cases that were picked up have contact attempts.
// Deterministic: every "random" choice is a hash of the household number.
import { URGENCY_MODEL } from '@signaalhub/domain';
import pg from 'pg';
import { int, secs } from '../lib/report.js';
import { now, say } from './support.js';

/** The municipality the benchmark reads as, and the share of households that live in it. */
export const LARGE_MUNICIPALITY = 'GM0363';
const OTHERS = ['GM0599', 'GM0344', 'GM0518', 'GM0014'];
const CREDITORS: Array<[string, string]> = [
  ['woonstad-huur', 'HUUR'],
  ['vattenfall', 'ENERGIE'],
  ['waternet', 'WATER'],
  ['zilveren-kruis', 'ZORG'],
  ['cak', 'CAK_ZORGVERZEKERINGEN'],
  ['belastingdienst', 'BELASTINGDIENST'],
  ['duo', 'DUO'],
];
/** Signal dates span these days from 2025-01-01: the KPI year (2025) holds about half of them. */
const DATE_SPAN_DAYS = 700;
const RESULTS = ['ADVICE_OR_QUICK_FIX', 'NO_CONTACT', 'NO_HELP_WANTED', 'FOLLOW_UP_HELP', 'PAID_OR_ARRANGEMENT'];

/** A pseudo-random integer 0..m-1 of household `h` and stream `s`, in SQL. */
const pick = (h: string, s: number, m: number) => `(abs(hashint4(${h} * 16 + ${s})) % ${m})`;

export interface SeedCounts {
  signals: number;
  households: number;
  cases: number;
  largeMunicipalityCases: number;
  contactAttempts: number;
  seconds: number;
}

export async function seed(url: string, signals: number): Promise<SeedCounts> {
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  const t0 = now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = now();
    const { rowCount } = await db.query(sql, params);
    say(`  ${label}: ${rowCount === null ? '' : `${int(rowCount)} rows, `}${secs((now() - t) / 1000, 1)} s`);
  };
  try {
    await db.query('SET synchronous_commit = off');
    // Households with 1 + h % 4 signals average 2.5: this many hold N signals.
    const households = Math.ceil(signals / 2.5 / 4) * 4;
    const municipalities = `ARRAY[${OTHERS.map((m) => `'${m}'`).join(',')}]`;
    await step(
      'households',
      `INSERT INTO household (municipality, household_key, postcode, house_number, street, place)
       SELECT CASE WHEN ${pick('h', 0, 100)} < 80 THEN '${LARGE_MUNICIPALITY}'
                   ELSE (${municipalities})[1 + ${pick('h', 1, OTHERS.length)}] END,
              'bench-' || h,
              (1011 + ${pick('h', 2, 98)})::text || chr(65 + ${pick('h', 3, 26)}) || chr(65 + ${pick('h', 4, 26)}),
              1 + ${pick('h', 5, 250)}, 'Benchstraat', 'Amsterdam'
       FROM generate_series(1, $1::int) h`,
      [households],
    );
    // Status by household: 55% new, 25% in progress, 20% closed with an end result.
    await step(
      'cases',
      `INSERT INTO signal_case (municipality, household_id, status, closed_at, result, assigned_to)
       SELECT h.municipality, h.id,
              CASE WHEN r < 55 THEN 'NEW' WHEN r < 80 THEN 'IN_PROGRESS' ELSE 'CLOSED' END,
              CASE WHEN r >= 80 THEN now() END,
              CASE WHEN r >= 80 THEN (ARRAY[${RESULTS.map((x) => `'${x}'`).join(',')}])[1 + ${pick('n', 7, RESULTS.length)}] END,
              CASE WHEN r >= 55 THEN 'worker-' || ${pick('n', 8, 40)} END
       FROM (SELECT id, municipality, substr(household_key, 7)::int AS n FROM household) h,
            LATERAL (SELECT ${pick('h.n', 6, 100)} AS r) x`,
    );
    const creditorIds = `ARRAY[${CREDITORS.map(([c]) => `'${c}'`).join(',')}]`;
    const sectors = `ARRAY[${CREDITORS.map(([, s]) => `'${s}'`).join(',')}]`;
    // Signal k of a household comes from creditor (c0 + k) % 7: different creditors in one case.
    await step(
      'signals',
      `INSERT INTO signal (payload_sha256, creditor_id, creditor_signal_ref, kind, sector, signal_date, received_at,
                           status, routing, municipality, case_id, household_key, surname, postcode, house_number,
                           street, place, amount_cents, arrears_since, supply_end_date, crisis,
                           source_topic, source_partition, source_offset)
       SELECT decode(md5(x.n || '/' || k), 'hex'), (${creditorIds})[1 + ci], 'ref-' || x.n || '-' || k,
              CASE WHEN ci IN (1, 2) AND ${pick('x.n', 9, 20)} = 0 THEN 'END_OF_SUPPLY' ELSE 'NEW' END,
              (${sectors})[1 + ci], d, d + time '09:00',
              CASE x.status WHEN 'NEW' THEN 'NOT_YET_PICKED_UP' ELSE 'PICKED_UP' END,
              'ROUTED', x.municipality, x.case_id, x.household_key, 'Jansen', x.postcode, x.house_number,
              'Benchstraat', 'Amsterdam', 5000 + ${pick('x.n * 4 + k', 10, 400000)},
              d - (30 + ${pick('x.n * 4 + k', 11, 150)}),
              CASE WHEN ci IN (1, 2) AND ${pick('x.n', 9, 20)} = 0 THEN d + 14 END,
              ${pick('x.n', 12, 50)} = 0,
              'bench.signals', 0, x.n * 4 + k
       FROM (SELECT c.id AS case_id, c.status, h.municipality, h.household_key, h.postcode, h.house_number,
                    substr(h.household_key, 7)::int AS n
             FROM household h JOIN signal_case c ON c.household_id = h.id) x
       CROSS JOIN LATERAL generate_series(1, 1 + x.n % 4) k
       CROSS JOIN LATERAL (SELECT (${pick('x.n', 13, CREDITORS.length)} + k) % ${CREDITORS.length} AS ci,
                                  date '2025-01-01' - 180 + ${pick('x.n', 14, DATE_SPAN_DAYS)} + (k - 1) * 21 AS d) v
       LIMIT $1::int`,
      [signals],
    );
    // The last household may have got none of its signals: no case without signals.
    await db.query(`DELETE FROM signal_case c WHERE NOT EXISTS (SELECT 1 FROM signal s WHERE s.case_id = c.id)`);
    await db.query(
      `DELETE FROM household h WHERE NOT EXISTS (SELECT 1 FROM signal_case c WHERE c.household_id = h.id)`,
    );
    // Figures as ingest keeps them; urgency in the shape of the hub's model (score, factors, version).
    const [creditors, amount, days, , endOfSupply, , crisis] = URGENCY_MODEL.factors.map((f) => f.name);
    await step(
      'case figures and urgency',
      `UPDATE signal_case c SET creditor_count = f.creditors, signal_count = f.signals, total_amount_cents = f.total,
              sectors = f.sectors, first_signal_date = f.first_date, last_signal_date = f.last_date,
              opened_at = f.first_date, matching_period_end = f.first_date + 183,
              picked_up_at = CASE WHEN c.status <> 'NEW' THEN f.first_date + 5 END,
              closed_at = CASE WHEN c.closed_at IS NOT NULL THEN f.first_date + 60 END,
              arrears_since = f.arrears_since, crisis = f.crisis,
              urgency_score = p.creditors + p.amount + p.days + p.end_of_supply + p.crisis,
              urgency_factors = jsonb_build_array(
                jsonb_build_object('name', '${creditors}', 'value', f.creditors, 'points', p.creditors),
                jsonb_build_object('name', '${amount}', 'value', f.total / 20000, 'points', p.amount),
                jsonb_build_object('name', '${days}', 'value', f.days, 'points', p.days),
                jsonb_build_object('name', '${endOfSupply}', 'value', f.end_of_supply::int, 'points', p.end_of_supply),
                jsonb_build_object('name', '${crisis}', 'value', f.crisis::int, 'points', p.crisis)),
              urgency_version = $1, urgency_as_of = date '2026-01-01'
       FROM (SELECT case_id, count(DISTINCT creditor_id)::int AS creditors, count(*)::int AS signals,
                    sum(amount_cents)::bigint AS total, array_agg(DISTINCT sector ORDER BY sector) AS sectors,
                    min(signal_date) AS first_date, max(signal_date) AS last_date,
                    min(arrears_since) AS arrears_since, date '2026-01-01' - min(arrears_since) AS days,
                    bool_or(crisis) AS crisis, bool_or(kind = 'END_OF_SUPPLY') AS end_of_supply
             FROM signal GROUP BY case_id) f,
            LATERAL (SELECT least(45, 15 * (f.creditors - 1)) AS creditors, least(25, f.total / 40000)::int AS amount,
                            least(20, f.days / 30) AS days, CASE WHEN f.end_of_supply THEN 25 ELSE 0 END AS end_of_supply,
                            CASE WHEN f.crisis THEN 40 ELSE 0 END AS crisis) p
       WHERE c.id = f.case_id`,
      [URGENCY_MODEL.version],
    );
    await step(
      'contact attempts',
      `INSERT INTO contact_attempt (case_id, kind, reached, attempted_on, day_part, recorded_by)
       SELECT c.id, (ARRAY['HOME_VISIT','PHONE','LETTER','EMAIL'])[1 + ${pick('n', 15, 4)}],
              a = 2 OR ${pick('n', 16, 10)} < 6, c.first_signal_date + 3 + a * 7 + ${pick('n', 17, 20)},
              (ARRAY['MORNING','AFTERNOON','EVENING'])[1 + ${pick('n', 18, 3)}], c.assigned_to
       FROM (SELECT c.*, substr(h.household_key, 7)::int AS n FROM signal_case c JOIN household h ON h.id = c.household_id
             WHERE c.status <> 'NEW') c
       CROSS JOIN LATERAL generate_series(1, 1 + ${pick('n', 19, 2)}) a`,
    );
    const t = now();
    await db.query('VACUUM ANALYZE household, signal_case, signal, contact_attempt');
    say(`  vacuum analyze: ${secs((now() - t) / 1000, 1)} s`);
    const { rows } = await db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM signal) AS signals, (SELECT count(*) FROM household) AS households,
              (SELECT count(*) FROM signal_case) AS cases,
              (SELECT count(*) FROM signal_case WHERE municipality = $1) AS large,
              (SELECT count(*) FROM contact_attempt) AS attempts`,
      [LARGE_MUNICIPALITY],
    );
    return {
      signals: Number(rows[0].signals),
      households: Number(rows[0].households),
      cases: Number(rows[0].cases),
      largeMunicipalityCases: Number(rows[0].large),
      contactAttempts: Number(rows[0].attempts),
      seconds: (now() - t0) / 1000,
    };
  } finally {
    await db.end();
  }
}
