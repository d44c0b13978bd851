// `npm run bench -- ingest [--count N] [--runs R] [--seed S] [--only hub,kafka,copy,steps] [--client C] [--profile]`
//
// How fast does the hub take signals from Kafka into PostgreSQL, and how far is that from what the
// two pieces underneath can do on their own, and what does each step inside the hub cost? Four
// measurements on the same N synthetic signals, each repeated R times (median, min and max reported):
//   a) hub end-to-end: the real hub in-process (createHubApp), a fresh database and consumer group
//      per run, timed from createHubApp() until `count(*) FROM signal` = N;
//   b) consume ceilings: a libs/kafka consumer with the hub's settings that only counts, on kafkajs
//      and on @platformatic/kafka (the hub runs on the client `--client` names, kafkajs by default);
//   c) PostgreSQL COPY ceiling: `psql \copy` of the same rows (same columns and values) into a
//      table shaped like `signal`;
//   d) per step: what each step of the hub's pipeline (decode, signature, validation, routing, rules,
//      minimisation, store) costs alone, on a sample of the same records (bench/lib/steps.ts).
// Plus the one-off producer rate. Results go to bench/results/ingest-<timestamp>.{json,svg}.
// One module per measurement (hub-run, kafka-run, copy-run; the steps in bench/lib/steps.ts), the
// shared world they run on (prepare, world), and the report.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createKafkaBus } from '@signaalhub/kafka';
import kafkajs from 'kafkajs';
import { startInfra } from '../lib/infra.js';
import { int, secs } from '../lib/report.js';
import { measure } from './measure.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { prepare } from './prepare.js';
import { now, queryOne, REPO_ROOT, say } from './support.js';
import { readOptions } from '../lib/options.js';

export async function main(args: string[]): Promise<number> {
  const options = readOptions<Options>(args, USAGE, parseOptions);
  if (typeof options === 'number') return options;

  // Every hub this process starts builds its bus from KAFKA_CLIENT.
  process.env.KAFKA_CLIENT = options.client;
  const cpus = os.cpus();
  const machine = {
    cores: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
  say('Signaalhub ingest benchmark');
  say(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.platform}`,
  );
  say(
    `N = ${int(options.count)} signals, ${options.runs} run(s) per measurement, seed ${options.seed}, hub on ${options.client}`,
  );
  const loadAtStart = os.loadavg();
  say(
    `load average at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews every figure)`,
  );

  const work = mkdtempSync(join(os.tmpdir(), 'signaalhub-bench-'));
  const started = now();
  say('starting infrastructure…');
  const infra = await startInfra(work, (m) => say(`  ${m}`));
  const bus = createKafkaBus({
    brokers: infra.brokers.split(','),
    clientId: 'signaalhub-bench',
    log: (level, message) =>
      level !== 'info' && !infra.stopping && process.stderr.write(`[bench kafka ${level}] ${message}\n`),
  });
  const id = randomBytes(3).toString('hex');
  const prefix = `bench${id}.`;
  const groups: string[] = [];
  try {
    const serverVersion = await queryOne(infra.databaseServer, 'SHOW server_version');
    const kafkaVersion = infra.kafkaPid === undefined ? '' : ` (Kafka ${pinnedKafkaVersion()})`;
    say(`postgres: ${serverVersion.split(' ')[0]}, ${infra.describe.postgres}`);
    say(`kafka:    ${infra.describe.kafka}${kafkaVersion}`);
    say(`infrastructure ready in ${secs((now() - started) / 1000, 1)} s`);
    say();

    const world = await prepare(options, infra, bus, prefix, id, groups, work);
    const result = await measure(
      world,
      { ...machine, loadAverageAtStart: loadAtStart.join(' ') },
      {
        postgres: serverVersion,
        kafka: infra.describe.kafka,
      },
    );
    return result;
  } catch (error) {
    if (!infra.stopping) throw error;
    process.stderr.write('[bench] interrupted; no results written\n');
    return 130;
  } finally {
    await bus.close().catch(() => undefined);
    if (process.env.KAFKA_BROKERS) await deleteBenchTopics(infra.brokers, prefix, groups);
    say(`stopping infrastructure…`);
    await infra.stop();
  }
}

function pinnedKafkaVersion(): string {
  try {
    return /<kafka\.version>([^<]+)</.exec(readFileSync(join(REPO_ROOT, 'tools/kafka/pom.xml'), 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

/** On a shared broker (KAFKA_BROKERS), remove this run's topics and consumer groups again. */
async function deleteBenchTopics(brokers: string, prefix: string, groups: string[]): Promise<void> {
  const admin = new kafkajs.Kafka({
    clientId: 'signaalhub-bench-cleanup',
    brokers: brokers.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch (error) {
    process.stderr.write(`[bench] could not delete the topics ${prefix}*: ${String(error)}\n`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
