// `npm run bench -- api [--signals N] [--clients C] [--requests R] [--seconds S] [--quick]`
//
// How fast does the hub answer a worker with millions of stored signals? N signals are generated
// straight into PostgreSQL (seed.ts), the hub runs in-process on 127.0.0.1 (hub.ts), and three
// requests (queries.ts) are each measured with 1 client, then C concurrent clients over keep-alive
// connections (load.ts): p50/p95/p99, requests/s, the slowdown against 1 client and the p95
// target. The SQL each request issues is captured and explained (explain.ts). Results go to
// bench/results/api-<timestamp>.md (report.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, startEmbeddedPostgres } from '@signaalhub/devstack';
import pg from 'pg';
import { runMigrations } from '../../apps/hub/src/index.js';
import { profileTables, startProfile, summariseProfile } from '../lib/profile.js';
import { int, secs } from '../lib/report.js';
import { captureStatements, explain } from './explain.js';
import { startHub, type RunningHub } from './hub.js';
import { runLoad } from './load.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { queries } from './queries.js';
import { resultTable, writeResults, type Measured } from './report.js';
import { LARGE_MUNICIPALITY, seed } from './seed.js';
import { now, REPO_ROOT, say } from './support.js';
import { readOptions } from '../lib/options.js';

/** Unmeasured requests first: JIT, plan caches, the hub's connection pool, PostgreSQL's buffers. */
const WARM_UP = { cases: 20, case: 50, kpis: 2 } as const;

export async function main(args: string[]): Promise<number> {
  const options = readOptions<Options>(args, USAGE, parseOptions);
  if (typeof options === 'number') return options;
  const cpus = os.cpus();
  const machine =
    `${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average at start ` +
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  say('Signaalhub API benchmark');
  say(`machine: ${machine}`);

  const work = mkdtempSync(join(os.tmpdir(), 'signaalhub-bench-api-'));
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: join(work, 'pg') });
  const dbName = `bench_api_${process.pid}`;
  let hub: RunningHub | undefined;
  try {
    const url = await createDatabase(server.url, dbName);
    await runMigrations(url);
    const postgres = await scalar(url, 'SHOW server_version');
    say(`postgres ${postgres.split(' ')[0]} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded, fsync=off'})`);
    say(`generating ${int(options.signals)} signals…`);
    const seeded = await seed(url, options.signals);
    say(
      `stored ${int(seeded.signals)} signals, ${int(seeded.cases)} cases (${int(seeded.largeMunicipalityCases)} in ${LARGE_MUNICIPALITY}) in ${secs(seeded.seconds, 0)} s`,
    );
    const caseIds = (
      await queryRows<{ id: string }>(
        url,
        `SELECT id FROM signal_case WHERE municipality = $1 ORDER BY hashtext(id::text) LIMIT 2000`,
        [LARGE_MUNICIPALITY],
      )
    ).map((r) => r.id);

    hub = await startHub(url, work);
    const running = hub;
    const plan = (body: (i: number) => string, clients: number, maxRequests: number, maxSeconds: number) =>
      runLoad({ port: running.port, token: running.token, clients, maxRequests, maxSeconds, body });
    const measured: Measured[] = [];
    for (const query of queries(caseIds)) {
      say(`\n${query.label}`);
      const warm = await plan(query.body, 1, WARM_UP[query.key], 60);
      if (warm.errors > 0) throw new Error(`${query.key} fails: ${warm.firstError}`);
      const captured = await captureStatements(running.app, () => plan(query.body, 1, 1, 60));
      const statements = await explain(url, captured);
      const t = now();
      const baseline = await plan(query.body, 1, options.requests, options.seconds);
      say(`  1 client: ${int(baseline.latencies.length)} requests in ${secs((now() - t) / 1000, 1)} s`);
      const t2 = now();
      const loaded = await plan(query.body, options.clients, options.requests, options.seconds);
      say(
        `  ${options.clients} clients: ${int(loaded.latencies.length)} requests in ${secs((now() - t2) / 1000, 1)} s` +
          (loaded.errors ? `, ${loaded.errors} errors (${loaded.firstError})` : ''),
      );
      measured.push({ query, baseline, loaded, statements });
      if (options.profile) {
        const stop = await startProfile();
        const profiled = await plan(query.body, options.clients, options.requests, options.seconds);
        const summary = summariseProfile(await stop(), REPO_ROOT);
        say(
          profileTables(
            summary,
            `  profiled run (extra, not measured): ${int(profiled.latencies.length)} requests; main thread, ${secs(summary.totalMs / 1000, 1)} s sampled:`,
          ),
        );
      }
    }
    say('');
    say(resultTable(measured));
    const file = writeResults({
      stamp: new Date().toISOString().replace(/[:.]/g, '-'),
      machine,
      postgres,
      seeded,
      measured,
      notes: [
        `clients: 1 and ${options.clients}, closed loop over HTTP keep-alive on 127.0.0.1; at most ${int(options.requests)} requests or ${options.seconds} s per row`,
        'hub: in-process (createHubApp), sources through the SWC loader, ingest and feedback relay off, log level warn, pool of 10 connections',
      ],
    });
    say(`\nresults: ${file}`);
    return measured.some((m) => m.loaded.errors + m.baseline.errors > 0) ? 1 : 0;
  } finally {
    await hub?.close().catch(() => undefined);
    await dropDatabase(server.url, dbName).catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

async function queryRows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

async function scalar(url: string, sql: string): Promise<string> {
  const [row] = await queryRows<Record<string, unknown>>(url, sql);
  return String(Object.values(row)[0]);
}
