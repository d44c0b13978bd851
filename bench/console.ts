// `npm run bench -- console [--signals N] [--runs R]`
//
// How long does a debt-help worker wait for the case list after signing in? N signals are generated
// straight into PostgreSQL (the API benchmark's generator: with the default 45,000, about 11,500
// open cases in GM0363), the built console is served by the hub in-process on 127.0.0.1, and
// Debian's Chromium signs in as the development worker of GM0363 R times, each in a fresh browser
// context (no cache, no session). Measured per run: the sign-in page until its buttons show (the
// baseline: static files only), and the click on "Inloggen als Medewerker Amsterdam" until the
// first row of the case list is on screen (token, GraphQL, rendering). The target: 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, ensureDevKeyPair, startEmbeddedPostgres } from '@signaalhub/devstack';
import pg from 'pg';
import { runMigrations } from '../apps/hub/src/index.js';
import { launchChromium } from '../test/support/browser.js';
import { buildConsole } from '../tools/console.js';
import { devSignIn } from '../tools/dev-users.js';
import { startHub } from './api/hub.js';
import { LARGE_MUNICIPALITY, seed } from './api/seed.js';
import { integerOption, readOptions } from './lib/options.js';
import { barChartSvg, int, median, textTable, writeResults } from './lib/report.js';

const USAGE = `Usage: npm run bench -- console [--signals N] [--runs R]
  --signals N   stored signals, generated straight into PostgreSQL (default 45000: ~11,500 open cases in ${LARGE_MUNICIPALITY})
  --runs R      sign-ins, each in a fresh browser context (default 7)
`;
const TARGET_MS = 1000;
const WORKER = 'Medewerker Amsterdam';
const say = (line = '') => process.stdout.write(`${line}\n`);

interface Options {
  signals: number;
  runs: number;
}

function parse(args: string[]): Options | string {
  const { values } = parseArgs({
    args,
    options: { signals: { type: 'string' }, runs: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return USAGE;
  return {
    signals: integerOption(values.signals, 45_000, 'signals', 1_000, 5_000_000),
    runs: integerOption(values.runs, 7, 'runs', 1, 100),
  };
}

export async function main(args: string[]): Promise<number> {
  const options = readOptions<Options>(args, USAGE, parse);
  if (typeof options === 'number') return options;
  const machine =
    `${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ` +
    `load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
  say('Signaalhub console benchmark: sign-in to the case list');
  say(`machine: ${machine}`);
  const work = mkdtempSync(join(os.tmpdir(), 'signaalhub-bench-console-'));
  const server = await startEmbeddedPostgres({ dataDir: join(work, 'pg') });
  const browser = await launchChromium();
  try {
    const url = await createDatabase(server.url, 'bench_console');
    await runMigrations(url);
    say(`generating ${int(options.signals)} signals…`);
    await seed(url, options.signals);
    const openCases = await scalar(
      url,
      `SELECT count(*) FROM signal_case WHERE municipality = $1 AND closed_at IS NULL AND purged_at IS NULL`,
      [LARGE_MUNICIPALITY],
    );
    say(`open cases of ${LARGE_MUNICIPALITY}: ${int(openCases)}`);
    say('building the console…');
    const consoleDir = await buildConsole({ quiet: true });
    // The API benchmark's in-process hub, here serving the built console and its development sign-in
    // (the same key folder, so the sign-in's tokens are the ones the hub trusts).
    const hub = await startHub(url, work, {
      env: { CONSOLE_DIR: consoleDir },
      devSignIn: devSignIn(ensureDevKeyPair(join(work, 'keys'))),
    });
    const base = `http://127.0.0.1:${hub.port}`;
    const signInPage: number[] = [];
    const toCaseList: number[] = [];
    try {
      // One unmeasured sign-in: the hub's JIT, plan caches and PostgreSQL's buffers.
      for (let run = 0; run <= options.runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(`${base}/`);
        const button = page.getByRole('button', { name: `Inloggen als ${WORKER}` });
        await button.waitFor();
        const t1 = performance.now();
        await button.click();
        await page.locator('tbody tr').first().waitFor();
        const t2 = performance.now();
        await context.close();
        if (run === 0) continue;
        signInPage.push(t1 - t0);
        toCaseList.push(t2 - t1);
        say(`  run ${run}: sign-in page ${Math.round(t1 - t0)} ms, sign-in to case list ${Math.round(t2 - t1)} ms`);
      }
    } finally {
      await hub.close();
    }
    const row = (label: string, values: number[]) => [
      label,
      int(median(values)),
      int(Math.min(...values)),
      int(Math.max(...values)),
      `${(median(values) / median(signInPage)).toFixed(2)}×`,
    ];
    const table = textTable(
      ['measurement', 'median ms', 'min ms', 'max ms', 'ratio to sign-in page'],
      [
        row('sign-in page until its buttons show (baseline)', signInPage),
        row('sign-in to the first case row', toCaseList),
      ],
    );
    say('');
    say(table);
    const met = median(toCaseList) <= TARGET_MS ? 'met' : 'not met';
    const verdict = `target: the case list within ${int(TARGET_MS)} ms of sign-in with ${int(openCases)} open cases: ${met} (median)`;
    say(verdict);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = writeResults('console', stamp, {
      title: 'Console benchmark',
      svg: barChartSvg({
        title: 'Signaalhub console: median ms, fresh browser context per run',
        subtitle: `${int(openCases)} open cases of ${LARGE_MUNICIPALITY} · ${options.runs} runs · ${stamp}`,
        target: TARGET_MS,
        targetLabel: `target ${int(TARGET_MS)} ms`,
        axisLabel: 'median ms',
        format: (v) => `${int(v)} ms`,
        bars: [
          { label: 'sign-in page', value: median(signInPage), note: 'static files (baseline)', colour: '#7f7f7f' },
          {
            label: 'sign-in → case list',
            value: median(toCaseList),
            note: 'token, GraphQL, render',
            colour: '#1f77b4',
          },
        ],
      }),
      facts: [
        `machine: ${machine}`,
        `stored: ${int(options.signals)} signals; ${int(openCases)} open cases of ${LARGE_MUNICIPALITY}`,
        `hub in-process with the built console, Debian's Chromium headless, ${options.runs} measured runs after one warm-up`,
      ],
      body: [table, '', verdict],
    });
    say(`results: ${file.replace(/^.*\/bench\//, 'bench/')}.md, .svg`);
    return 0;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

async function scalar(url: string, sql: string, params: unknown[]): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return Number((await db.query(sql, params)).rows[0].count);
  } finally {
    await db.end();
  }
}
