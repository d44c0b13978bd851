// `npm run bench -- freshness [--rate R] [--seconds S] [--seed N]`
//
// How soon does a signal a creditor produces show up in a worker's `cases`, at a steady national
// rate, and how much memory does the hub take meanwhile? The national simulator's stream, signed as
// the connectors sign it, is produced at R signals/s for S seconds (in tenths of a second) to a hub
// that runs as a process of its own (`apps/hub/src/main.ts`, as in production), against a fresh
// database and Kafka topics. A poller reads, every 20 ms, the highest stored offset per partition:
// a signal is visible (in its case, committed with it) from the first poll that covers its offset.
// Reported: freshness p50/p95/p99/max from the moment before its send, against the broker alone
// (produce to a plain libs/kafka consumer on the same topic, measured in the same run), and the
// hub's peak RSS (VmHWM). Targets (issue 12): p99 ≤ 1 s at 1,000 signals/s; RSS ≤ 400 MB.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_TOPIC_RETENTION_MS, TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createDatabase, ensureDevDeadLetterKey, ensureDevKeyPair, freePort } from '@signaalhub/devstack';
import { createKafkaBus } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import pg from 'pg';
import {
  ensureCreditorKeys,
  loadDutchFaker,
  nationalSignals,
  signedKafkaBatch,
  SYNTHETIC_CREDITORS,
} from '../apps/connectors/src/index.js';
import { HubTopics, runMigrations } from '../apps/hub/src/index.js';
import { imageCommand, prepareProductionTree } from '../tools/build/production-tree.js';
import { startInfra } from './lib/infra.js';
import { integerOption, readOptions } from './lib/options.js';
import { barChartSvg, int, textTable, writeResults } from './lib/report.js';
import { seedRegistry } from './ingest/world.js';

const USAGE = `Usage: npm run bench -- freshness [--rate R] [--seconds S] [--seed N] [--compiled]
  --rate R      signals produced per second, steadily (default 1000)
  --seconds S   how long (default 60)
  --seed N      simulator seed (default 42)
  --compiled    run the hub as the image runs it: the build plus \`npm ci --omit=dev\` in a temp folder,
                started with the Dockerfile hub stage's CMD (default: the sources through the loader)
`;
const PARTITIONS = 4;
const POLL_MS = 20;
const TARGET_P99_MS = 1000;
const TARGET_RSS_MB = 400;
const REPO_ROOT = new URL('../', import.meta.url).pathname;
const say = (line = '') => process.stdout.write(`${line}\n`);

interface Options {
  rate: number;
  seconds: number;
  seed: number;
  compiled: boolean;
}

function parse(args: string[]): Options | string {
  const { values } = parseArgs({
    args,
    options: {
      rate: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      compiled: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return USAGE;
  return {
    rate: integerOption(values.rate, 1000, 'rate', 10, 100_000),
    seconds: integerOption(values.seconds, 60, 'seconds', 5, 3_600),
    seed: integerOption(values.seed, 42, 'seed', 0),
    compiled: values.compiled ?? false,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function main(args: string[]): Promise<number> {
  const options = readOptions<Options>(args, USAGE, parse);
  if (typeof options === 'number') return options;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const machine = `${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average at start ${load}`;
  say('Signaalhub freshness benchmark: produce → visible in cases, at a steady rate');
  say(`machine: ${machine}`);
  const total = options.rate * options.seconds;
  const work = mkdtempSync(join(os.tmpdir(), 'signaalhub-bench-fresh-'));
  const infra = await startInfra(work, (m) => say(`  ${m}`));
  const bus = createKafkaBus({ brokers: infra.brokers.split(','), clientId: 'signaalhub-bench-freshness' });
  const prefix = `fresh${process.pid}.`;
  const topics = new HubTopics(prefix);
  let hub: ReturnType<typeof spawn> | undefined;
  try {
    const reference = loadReferenceData();
    const signals = [
      ...nationalSignals(reference, await loadDutchFaker(options.seed), {
        count: total,
        seed: options.seed,
        referenceDate: new Date().toISOString().slice(0, 10),
      }),
    ];
    const creditorKeysDir = join(work, 'creditors');
    const signers = ensureCreditorKeys(
      creditorKeysDir,
      SYNTHETIC_CREDITORS.map((c) => c.id),
    );
    // Each tenth of a second's signals are one produced chunk, signed as connectors sign a chunk:
    // one batch (Merkle root) per creditor in it.
    const perTick = Math.max(1, Math.round(options.rate / 10));
    const signChunk = signedKafkaBatch(signers);
    const records: Array<{ key: string; value: Buffer }> = [];
    for (let i = 0; i < signals.length; i += perTick) records.push(...signChunk(signals.slice(i, i + perTick)));
    say(`generated ${int(records.length)} signed signals`);

    const url = await createDatabase(infra.databaseServer, `bench_fresh_${process.pid}`);
    await runMigrations(url);
    const keys = ensureDevKeyPair(join(work, 'keys'));
    await seedRegistry(infra, url, creditorKeysDir, keys);
    await bus.ensureTopics([
      { topic: topics.signals, partitions: PARTITIONS, retentionMs: DEFAULT_TOPIC_RETENTION_MS[TOPIC_SIGNALS]! },
    ]);

    // The hub in its own process, so its RSS is its own; compiled, exactly as the image starts it.
    const production = join(work, 'production');
    if (options.compiled) {
      say('assembling the production tree (build + npm ci --omit=dev)…');
      await prepareProductionTree(production);
    }
    const port = await freePort();
    const [hubCwd, hubArgs] = options.compiled
      ? [production, imageCommand('hub')]
      : [REPO_ROOT, ['--import', './tools/ts/register.mjs', 'apps/hub/src/main.ts']];
    hub = spawn(process.execPath, hubArgs, {
      cwd: hubCwd,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: url,
        KAFKA_BROKERS: infra.brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_CONSUMER_GROUP: `${prefix}hub`,
        AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
        DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(creditorKeysDir),
        NODE_ENV: 'test',
        PORT: String(port),
      },
    });
    const hubPid = hub.pid!;
    for (let i = 0; ; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 600 || hub.exitCode !== null) throw new Error('the hub did not become ready');
      await sleep(100);
    }
    say(`hub ready (pid ${hubPid})`);

    // The broker alone, as the baseline: a plain consumer that notes when each offset arrives.
    const arrivedAt = new Map<string, number>();
    const baseline = bus.createConsumer({
      groupId: `${prefix}baseline`,
      topics: [topics.signals],
      fromBeginning: true,
    });
    await baseline.start(async (batch) => {
      const t = performance.now();
      for (const m of batch.messages) arrivedAt.set(`${m.partition}/${m.offset}`, t);
    });

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    // The poller's own index: without it, every poll would scan the whole signal table, and the
    // database's time would go to the measurement instead of the hub. The hub maintains it on every
    // insert, which makes the figures a little pessimistic, never flattering.
    await db.query(`CREATE INDEX bench_signal_position_idx ON signal (source_topic, source_partition, source_offset)`);
    const producedAt = new Map<string, number>();
    const visibleAt = new Map<string, number>();
    const visibleUpTo = new Map<number, bigint>();
    const pending = new Map<number, Array<{ offset: bigint; key: string }>>();
    let producing = true;
    let lastProduced = performance.now();
    const poller = (async () => {
      while (producing || visibleAt.size < producedAt.size) {
        const { rows } = await db.query<{ p: number; o: string | null }>(
          `SELECT p, (SELECT max(source_offset) FROM signal WHERE source_topic = $1 AND source_partition = p)::text AS o
           FROM generate_series(0, $2::int - 1) AS p`,
          [topics.signals, PARTITIONS],
        );
        const t = performance.now();
        for (const { p, o } of rows) if (o !== null) visibleUpTo.set(p, BigInt(o));
        // Offsets are produced and stored in order per partition: walk each partition's queue.
        for (const [p, queue] of pending) {
          const upTo = visibleUpTo.get(p) ?? -1n;
          while (queue.length > 0 && queue[0]!.offset <= upTo) visibleAt.set(queue.shift()!.key, t);
        }
        if (!producing && performance.now() - lastProduced > 120_000) break;
        await sleep(POLL_MS);
      }
    })();
    let peakRssKb = 0;
    const rssTimer = setInterval(() => {
      const status = readFileSync(`/proc/${hubPid}/status`, 'utf8');
      peakRssKb = Math.max(peakRssKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    }, 250);

    const producer = await bus.createProducer();
    const start = performance.now();
    for (let i = 0, tick = 0; i < records.length; i += perTick, tick++) {
      const due = start + tick * 100;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const chunk = records.slice(i, i + perTick);
      const t = performance.now();
      const positions = await producer.send(
        topics.signals,
        chunk.map((r) => ({ key: r.key, value: r.value })),
      );
      for (const pos of positions) {
        if (!pos) continue;
        const key = `${pos.partition}/${pos.offset}`;
        producedAt.set(key, t);
        const queue = pending.get(pos.partition) ?? [];
        queue.push({ offset: BigInt(pos.offset), key });
        pending.set(pos.partition, queue);
      }
      lastProduced = performance.now();
      if (tick % 50 === 0)
        say(`  … ${int(i + chunk.length)}/${int(records.length)} produced, ${int(visibleAt.size)} visible`);
    }
    const produceSeconds = (performance.now() - start) / 1000;
    producing = false;
    await poller;
    clearInterval(rssTimer);
    await producer.disconnect();
    await baseline.stop();
    await db.end();

    const fresh = [...visibleAt].map(([k, t]) => t - producedAt.get(k)!).sort((a, b) => a - b);
    const broker = [...arrivedAt]
      .filter(([k]) => producedAt.has(k))
      .map(([k, t]) => t - producedAt.get(k)!)
      .sort((a, b) => a - b);
    const row = (label: string, v: number[]) => [
      label,
      int(v.length),
      int(percentile(v, 50)),
      int(percentile(v, 95)),
      int(percentile(v, 99)),
      int(v.at(-1) ?? Number.NaN),
      `${(percentile(v, 50) / percentile(broker, 50)).toFixed(1)}×`,
    ];
    const table = textTable(
      ['produce → …', 'signals', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50 ratio to broker'],
      [row('plain consumer (broker baseline)', broker), row('visible in cases (hub)', fresh)],
    );
    const rssMb = peakRssKb / 1024;
    const verdicts = [
      `produced ${int(producedAt.size)} signals in ${produceSeconds.toFixed(1)} s (${int(producedAt.size / produceSeconds)}/s); ${int(fresh.length)} became visible`,
      `freshness p99 ${int(percentile(fresh, 99))} ms against the target of ${int(TARGET_P99_MS)} ms: ${percentile(fresh, 99) <= TARGET_P99_MS ? 'met' : 'not met'}`,
      `hub peak RSS (VmHWM) ${rssMb.toFixed(0)} MB against the target of ${TARGET_RSS_MB} MB: ${rssMb <= TARGET_RSS_MB ? 'met' : 'not met'}`,
    ];
    say('');
    say(table);
    for (const v of verdicts) say(v);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = writeResults('freshness', stamp, {
      title: 'Freshness benchmark',
      svg: barChartSvg({
        title: `Signaalhub freshness at ${int(options.rate)} signals/s: produce → visible`,
        subtitle: `${int(fresh.length)} signals · ${options.seconds} s · ${stamp}`,
        target: TARGET_P99_MS,
        targetLabel: `target p99 ${int(TARGET_P99_MS)} ms`,
        axisLabel: 'ms',
        format: (v) => `${int(v)} ms`,
        bars: [
          { label: 'broker p50', value: percentile(broker, 50), colour: '#7f7f7f' },
          { label: 'broker p99', value: percentile(broker, 99), colour: '#7f7f7f' },
          { label: 'hub p50', value: percentile(fresh, 50), colour: '#1f77b4' },
          { label: 'hub p99', value: percentile(fresh, 99), colour: '#1f77b4' },
        ],
      }),
      facts: [
        `machine: ${machine}`,
        `${int(options.rate)} signals/s for ${options.seconds} s from the national simulator (seed ${options.seed}), ${PARTITIONS} partitions; hub as its own process (${options.compiled ? 'compiled, as the image runs it' : 'sources through the SWC loader'}); visibility polled every ${POLL_MS} ms through an index of the stored offsets the bench adds`,
      ],
      body: [table, '', ...verdicts.map((v) => `- ${v}`)],
    });
    say(`results: ${file.replace(/^.*\/bench\//, 'bench/')}.md, .svg`);
    return 0;
  } finally {
    hub?.kill('SIGTERM');
    await bus.close().catch(() => undefined);
    await infra.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
