// `npm run bench -- ingest [--count N] [--runs R] [--seed S] [--only hub,kafka,copy,steps] [--profile]`
//
// How fast does the hub take signals from Kafka into PostgreSQL, and how far is that from what the
// two pieces underneath can do on their own, and what does each step inside the hub cost? Four
// measurements on the same N synthetic signals, each repeated R times (median, min and max reported):
//   a) hub end-to-end: the real hub in-process (createHubApp), a fresh database and consumer group
//      per run, timed from createHubApp() until `count(*) FROM signal` = N;
//   b) kafkajs consume ceiling: a libs/kafka consumer with the hub's settings that only counts;
//   c) PostgreSQL COPY ceiling: `psql \copy` of the same rows (same columns and values) into a
//      table shaped like `signal`;
//   d) per step: what each step of the hub's pipeline (decode, signature, validation, routing, rules,
//      minimisation, store) costs alone, on a sample of the same records (bench/lib/steps.ts).
// Plus the one-off producer rate. Results go to bench/results/ingest-<timestamp>.{json,svg}.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Profiler } from 'node:inspector';
import type { INestApplication } from '@nestjs/common';
import { createKafkaBus, type ConsumedMessage, type KafkaBus } from '@signaalhub/kafka';
import { DEFAULT_TOPIC_RETENTION_MS, TOPIC_SIGNALS } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import {
  createDatabase,
  dropDatabase,
  ensureDevDeadLetterKey,
  ensureDevKeyPair,
  type DevKeyPair,
} from '@signaalhub/devstack';
import {
  ensureCreditorKeys,
  generateSignals,
  signedKafkaRecords,
  SYNTHETIC_CREDITORS,
  type KafkaRecord,
} from '../apps/connectors/src/index.js';
import kafkajs from 'kafkajs';
import pg from 'pg';
import {
  type AcceptedSignal,
  createHubApp,
  CreditorRegistryService,
  HubTopics,
  loadHubConfig,
  type RegistrySnapshot,
  runMigrations,
  SignalPipeline,
} from '../apps/hub/src/index.js';
import { seedDevelopmentCreditors } from '../tools/dev-seed.js';
import { cpuDelta, sampleCpu, type CpuSample } from './lib/cpu.js';
import { startInfra, type BenchInfra } from './lib/infra.js';
import { startProfile, summariseProfile, type ProfileSummary } from './lib/profile.js';
import { barChartSvg, int, secs, summarise, textTable, type Summary } from './lib/report.js';
import { measureSteps, STEP_SAMPLE, stepsNotes, stepsTable, type StepsReport } from './lib/steps.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** Large municipalities with many postcode areas that route to them alone. */
const MUNICIPALITIES = [
  'GM0363', // Amsterdam
  'GM0599', // Rotterdam
  'GM0518', // 's-Gravenhage
  'GM0344', // Utrecht
  'GM0772', // Eindhoven
  'GM0014', // Groningen
  'GM0268', // Nijmegen
  'GM0202', // Arnhem
  'GM0153', // Enschede
  'GM0855', // Tilburg
  'GM0479', // Zaanstad
  'GM0080', // Leeuwarden
];
const TARGET_PER_SECOND = 17_500;
const PRODUCE_CHUNK = 2_000;
const POLL_MS = 250;
/** A hub run that stores nothing for this long has failed (a crashed consumer, a poison batch). */
const STALL_MS = 60_000;
const PARTITIONS = 4;

/** The columns the hub's SignalStore inserts into `signal`, in its order. */
// prettier-ignore
const SIGNAL_COLUMNS = [
  'payload_sha256', 'creditor_id', 'creditor_signal_ref', 'kind', 'sector', 'signal_date', 'sent_at',
  'routing', 'routing_reason', 'municipality', 'case_id', 'household_key',
  'initials', 'first_names', 'surname_prefix', 'surname', 'birth_date', 'phone', 'email',
  'postcode', 'house_number', 'house_letter', 'house_number_addition', 'street', 'place',
  'amount_cents', 'arrears_since', 'customer_number', 'supply_end_date',
  'personal_contact_attempted', 'referred_to_debt_help', 'reminder_sent_on', 'objection_offered', 'objection_received',
  'crisis', 'warm_handover', 'source_topic', 'source_partition', 'source_offset',
  'status', 'decision', 'decision_reason', 'rule_id', 'rule_version', 'key_id',
];

const USAGE = `Usage: npm run bench -- ingest [--count N] [--runs R] [--seed S] [--only LIST] [--profile]
  --count N    synthetic signals (default 200000)
  --runs R     repetitions of each measurement; the median is reported (default 3)
  --seed S     generator seed (default 42)
  --only LIST  comma-separated subset of hub,kafka,copy,steps (default: all four); steps is the
               per-step cost table of the hub's pipeline on ${int(STEP_SAMPLE)} of the signals at most
  --profile    one extra, unmeasured hub run under the CPU profiler; prints where the hub's JS time goes
Infrastructure: DATABASE_URL (a server URL; databases are created on it) and KAFKA_BROKERS are used when
set, otherwise an embedded PostgreSQL and a local Kafka broker are started and stopped again.
`;

interface Options {
  count: number;
  runs: number;
  seed: number;
  only: ReadonlySet<Measurement>;
  profile: boolean;
}

const MEASUREMENTS = ['hub', 'kafka', 'copy', 'steps'] as const;
type Measurement = (typeof MEASUREMENTS)[number];

function parseOptions(args: string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        profile: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const integer = (raw: string | undefined, fallback: number, name: string, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  return {
    count: integer(values.count, 200_000, 'count', 1),
    runs: integer(values.runs, 3, 'runs', 1),
    seed: integer(values.seed, 42, 'seed', 0),
    only: measurementsOf(values.only),
    profile: values.profile ?? false,
  };
}

function measurementsOf(raw: string | undefined): ReadonlySet<Measurement> {
  if (raw === undefined) return new Set(MEASUREMENTS);
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(MEASUREMENTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated subset of ${MEASUREMENTS.join(',')}, got ${raw}`);
  }
  return new Set(names as Measurement[]);
}

interface HubRun {
  seconds: number;
  /** createHubApp(): Nest bootstrap, TypeORM pool, topic check, consumer connect + group join. */
  bootSeconds: number;
  /** First poll that saw a stored signal. */
  firstRowSeconds: number;
  /** Rate between 10% and 90% stored (interpolated between polls): the rate once running. */
  steadyRate: number;
  /** When the group's committed offsets reached the end of the topic. */
  lagZeroSeconds: number;
  cpu: CpuSample;
  /** Polls of pg_stat_activity once the hub was up; `activity` counts the hub's busy backends per state. */
  activitySamples: number;
  activity: Record<string, number>;
  timeline: Array<[number, number]>;
}

interface Backend {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string;
}

interface KafkaRun {
  seconds: number;
  batches: number;
  /** Messages handed to the handler (more than N would mean redeliveries). */
  delivered: number;
  cpu: CpuSample;
}

interface CopyRun {
  seconds: number;
  /** Indexes on the copied-into table (those of `signal`). */
  indexes: number;
  cpu: CpuSample;
}

interface World {
  options: Options;
  infra: BenchInfra;
  bus: KafkaBus;
  prefix: string;
  topics: HubTopics;
  keys: DevKeyPair;
  /** The synthetic creditors' signing keys; seeding a fresh database registers them. */
  creditorKeysDir: string;
  /** Signals the hub will store: the generated ones that pass its checks, each payload once. */
  expectedRows: number;
  csvFile: string;
  id: string;
  groups: string[];
  /** d) the per-step costs, when asked for. */
  steps: StepsReport | undefined;
}

const say = (message = '') => process.stdout.write(`${message}\n`);
const now = () => performance.now();

export async function main(args: string[]): Promise<number> {
  let options: Options;
  try {
    const parsed = parseOptions(args);
    if (typeof parsed === 'string') {
      process.stderr.write(parsed);
      return parsed === USAGE ? 0 : 2;
    }
    options = parsed;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

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
  say(`N = ${int(options.count)} signals, ${options.runs} run(s) per measurement, seed ${options.seed}`);
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

/** Generates and produces the signals once, and writes the CSV for the COPY ceiling. */
async function prepare(
  options: Options,
  infra: BenchInfra,
  bus: KafkaBus,
  prefix: string,
  id: string,
  groups: string[],
  work: string,
): Promise<World & { produceSeconds: number; pipelineSeconds: number }> {
  const keys = ensureDevKeyPair(join(work, 'keys'));
  let t = now();
  const reference = loadReferenceData();
  const signals = generateSignals(reference, {
    count: options.count,
    municipalities: MUNICIPALITIES,
    seed: options.seed,
  });
  // Signed as the creditors' connectors sign: the hub refuses what a registered key did not sign.
  const creditorKeysDir = join(work, 'creditors');
  const signers = ensureCreditorKeys(
    creditorKeysDir,
    SYNTHETIC_CREDITORS.map((c) => c.id),
  );
  const records = signals.map(signedKafkaRecords(signers));
  const bytes = records.reduce((sum, r) => sum + r.value.length, 0);
  say(
    `generated ${int(records.length)} signals in ${secs((now() - t) / 1000, 1)} s (${int(bytes / records.length)} bytes/record, ${secs(bytes / 2 ** 20, 1)} MiB)`,
  );

  const topics = new HubTopics(prefix);
  await bus.ensureTopics([
    { topic: topics.signals, partitions: PARTITIONS, retentionMs: DEFAULT_TOPIC_RETENTION_MS[TOPIC_SIGNALS]! },
  ]);
  const producer = await bus.createProducer();
  t = now();
  for (let i = 0; i < records.length; i += PRODUCE_CHUNK) {
    await producer.send(
      topics.signals,
      records.slice(i, i + PRODUCE_CHUNK).map((r) => ({ key: r.key, value: r.value })),
    );
  }
  const produceSeconds = (now() - t) / 1000;
  await producer.disconnect();
  const ends = await bus.topicEndOffsets(topics.signals);
  const onTopic = [...ends.values()].reduce((a, b) => a + Number(b), 0);
  if (onTopic !== records.length) throw new Error(`topic holds ${onTopic} messages, expected ${records.length}`);
  say(
    `produced to ${topics.signals} (${ends.size} partitions) in ${secs(produceSeconds)} s: ${int(records.length / produceSeconds)} signals/s`,
  );

  // The registry the hub will judge by: the development seed, as every hub run gets it.
  const seedDb = `bench_seed_${id}`;
  const seedUrl = await createDatabase(infra.databaseServer, seedDb);
  let registry: RegistrySnapshot;
  try {
    await runMigrations(seedUrl);
    registry = await seedRegistry(infra, seedUrl, creditorKeysDir, keys);
  } finally {
    await dropDatabase(infra.databaseServer, seedDb).catch(() => undefined);
  }
  const messages = consumedMessages(records, topics.signals);
  t = now();
  const accepted = judgeRecords(reference, registry, messages);
  const pipelineSeconds = (now() - t) / 1000;
  const csvFile = join(work, 'signals.csv');
  writeCsv(csvFile, accepted);
  say(
    `hub pipeline in-process (signature, validation, routing, rules, minimisation; no I/O): ${int(records.length / pipelineSeconds)} signals/s; CSV for COPY written`,
  );
  if (accepted.length !== records.length) {
    say(
      `note: ${records.length - accepted.length} generated signals are rejected or duplicates; the hub is expected to store ${accepted.length}`,
    );
  }
  let steps: StepsReport | undefined;
  if (options.only.has('steps')) {
    t = now();
    steps = await measureSteps(
      { reference, registry, messages, databaseServer: infra.databaseServer, id },
      options.runs,
    );
    say(
      `per-step costs measured on ${int(steps.sample)} signals, ${options.runs} timed run(s) + 1 warm-up, in ${secs((now() - t) / 1000, 1)} s`,
    );
  }
  say();

  return {
    options,
    infra,
    bus,
    prefix,
    topics,
    keys,
    creditorKeysDir,
    expectedRows: accepted.length,
    csvFile,
    id,
    groups,
    steps,
    produceSeconds,
    pipelineSeconds,
  };
}

/** The produced records as the hub's consumer hands them to the pipeline. */
function consumedMessages(records: KafkaRecord[], topic: string): ConsumedMessage[] {
  const timestamp = Date.now();
  return records.map((record, i) => ({
    topic,
    // Partition and offset only fill columns; which partition a record went to does not matter here.
    partition: i % PARTITIONS,
    offset: String(Math.floor(i / PARTITIONS)),
    key: Buffer.from(record.key),
    value: record.value,
    headers: {},
    timestamp,
  }));
}

/**
 * The hub's own pipeline over the produced records (check, then decide with no earlier signal of the
 * same arrears, as in a fresh database): the signals it will store, with the values it inserts.
 */
function judgeRecords(
  reference: ReturnType<typeof loadReferenceData>,
  registry: RegistrySnapshot,
  messages: ConsumedMessage[],
): AcceptedSignal[] {
  const pipeline = new SignalPipeline(reference);
  const seen = new Set<string>();
  const accepted: AcceptedSignal[] = [];
  for (const message of messages) {
    const checked = pipeline.check(message, registry);
    if (!checked.ok) continue;
    const decided = pipeline.decide(message, checked.value, registry, null);
    if (!decided.ok) continue;
    const hash = decided.value.payloadSha256.toString('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    accepted.push(decided.value);
  }
  return accepted;
}

/**
 * Registers the synthetic creditors (keys, agreements) in the database at `url` through a hub that
 * does not consume, and returns the registry as the ingest will see it. Not part of any timing.
 */
async function seedRegistry(
  infra: BenchInfra,
  url: string,
  creditorKeysDir: string,
  keys: DevKeyPair,
): Promise<RegistrySnapshot> {
  const app = await createHubApp(
    loadHubConfig({
      DATABASE_URL: url,
      KAFKA_BROKERS: infra.brokers,
      AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
      DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(creditorKeysDir),
      NODE_ENV: 'test',
      PORT: '0',
      INGEST_ENABLED: 'false',
    }),
  );
  try {
    const registry = app.get(CreditorRegistryService);
    await seedDevelopmentCreditors(registry, creditorKeysDir);
    return registry.snapshot();
  } finally {
    await app.close();
  }
}

function writeCsv(file: string, accepted: AcceptedSignal[]): void {
  const caseIds = new Map<string, string>();
  const caseOf = (s: AcceptedSignal) => {
    if (s.routing.kind !== 'routed') return null;
    const key = `${s.routing.municipality}|${s.signal.householdKey}`;
    let id = caseIds.get(key);
    if (!id) caseIds.set(key, (id = randomUUID()));
    return id;
  };
  const orNull = (v: string) => (v === '' ? null : v);
  const field = (v: string | number | boolean | bigint | Buffer | Date | null): string => {
    if (v === null) return '';
    if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (v instanceof Date) return v.toISOString();
    return `"${v.replace(/"/g, '""')}"`;
  };
  const fd = openSync(file, 'w');
  try {
    let chunk: string[] = [];
    for (const s of accepted) {
      const g = s.signal;
      // prettier-ignore
      const row = [
        s.payloadSha256, s.creditorId, g.creditorSignalRef, g.kind, g.sector, g.signalDate, g.sentAt,
        s.routing.kind === 'routed' ? 'ROUTED' : 'UNROUTED',
        s.routing.kind === 'unrouted' ? s.routing.reason : null,
        s.routing.kind === 'routed' ? s.routing.municipality : null,
        caseOf(s), g.householdKey,
        orNull(g.initials), orNull(g.firstNames), orNull(g.surnamePrefix), g.surname, orNull(g.birthDate),
        orNull(g.phone), orNull(g.email),
        g.postcode, g.houseNumber, orNull(g.houseLetter), orNull(g.houseNumberAddition), orNull(g.street), orNull(g.place),
        g.amountCents, g.arrearsSince, orNull(g.customerNumber), orNull(g.supplyEndDate),
        g.personalContactAttempted, g.referredToDebtHelp, orNull(g.reminderSentOn), g.objectionOffered, g.objectionReceived,
        g.crisis, g.warmHandover, s.source.topic, s.source.partition, s.source.offset,
        s.status, s.decision?.outcome ?? 'PENDING_ROUTING', s.decision?.reason ?? null,
        s.decision?.ruleId ?? null, s.decision?.ruleVersion ?? null, s.keyId,
      ];
      chunk.push(row.map(field).join(','));
      if (chunk.length === 5_000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

async function measure(
  world: World & { produceSeconds: number; pipelineSeconds: number },
  machine: Record<string, string | number>,
  versions: Record<string, string>,
): Promise<number> {
  const { options } = world;
  const hubRuns: HubRun[] = [];
  const kafkaRuns: KafkaRun[] = [];
  const copyRuns: CopyRun[] = [];
  // Interleaved rounds, so a drift of the machine (page cache, thermal, a noisy neighbour) hits all three alike.
  const step = <T>(run: () => Promise<T>): Promise<T> => {
    if (world.infra.stopping) throw new Error('interrupted');
    return run();
  };
  const endToEnd = options.only.has('hub') || options.only.has('kafka') || options.only.has('copy');
  for (let round = 1; endToEnd && round <= options.runs; round++) {
    say(`round ${round}/${options.runs}`);
    if (options.only.has('hub')) {
      const hub = await step(() => hubRun(world, round));
      hubRuns.push(hub);
      say(
        `  hub end-to-end:     ${secs(hub.seconds)} s, ${int(world.expectedRows / hub.seconds)} signals/s ` +
          `(createHubApp ${secs(hub.bootSeconds)} s, first row at ${secs(hub.firstRowSeconds)} s, ` +
          `10–90% rate ${int(hub.steadyRate)}/s, lag 0 at ${secs(hub.lagZeroSeconds)} s)`,
      );
      say(`                      CPU s: ${cpuText(hub.cpu, hub.seconds)}`);
    }
    if (options.only.has('kafka')) {
      const kafka = await step(() => kafkaRun(world, round));
      kafkaRuns.push(kafka);
      say(
        `  kafkajs consume:    ${secs(kafka.seconds)} s, ${int(options.count / kafka.seconds)} signals/s (${kafka.batches} batches); CPU s: ${cpuText(kafka.cpu, kafka.seconds)}`,
      );
    }
    if (options.only.has('copy')) {
      const copy = await step(() => copyRun(world, round));
      copyRuns.push(copy);
      say(
        `  PostgreSQL COPY:    ${secs(copy.seconds)} s, ${int(world.expectedRows / copy.seconds)} signals/s; CPU s: ${cpuText(copy.cpu, copy.seconds)}`,
      );
    }
  }

  let profile: ProfileSummary | undefined;
  let profileFile: string | undefined;
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[:]/g, '-');
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (options.profile) {
    say('profile run (extra, not measured; the profiler slows the hub down)');
    let stopProfile: (() => Promise<Profiler.Profile>) | undefined;
    let raw: Profiler.Profile | undefined;
    const run = await step(() =>
      hubRun(world, options.runs + 1, {
        beforeStart: async () => {
          stopProfile = await startProfile();
        },
        afterDone: async () => {
          raw = await stopProfile?.();
        },
      }),
    );
    if (!raw) throw new Error('the profiler returned no profile');
    profileFile = join(RESULTS_DIR, `ingest-${stamp}.cpuprofile`);
    writeFileSync(profileFile, JSON.stringify(raw));
    profile = summariseProfile(raw, REPO_ROOT);
    say(
      `  profiled hub run: ${secs(run.seconds)} s, ${int(world.expectedRows / run.seconds)} signals/s; CPU s: ${cpuText(run.cpu, run.seconds)}`,
    );
  }

  const summary = (name: string, count: number, seconds: number[]) =>
    seconds.length > 0 ? summarise(name, count, seconds) : undefined;
  const hub = summary(
    'hub end-to-end',
    world.expectedRows,
    hubRuns.map((r) => r.seconds),
  );
  const kafka = summary(
    'kafkajs consume ceiling',
    options.count,
    kafkaRuns.map((r) => r.seconds),
  );
  const copy = summary(
    'PostgreSQL COPY ceiling',
    world.expectedRows,
    copyRuns.map((r) => r.seconds),
  );
  const produce = summarise('(producer rate)', options.count, [world.produceSeconds]);
  const rows = [hub, kafka, copy, produce].filter((r): r is Summary => r !== undefined);
  const ratioToHub = (s: Summary) => (hub ? s.medianRate / hub.medianRate : undefined);

  const loadAtEnd = os.loadavg();
  machine.loadAverageAtEnd = loadAtEnd.join(' ');
  say(`load average at end: ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`);
  say();
  say(
    `Signaalhub ingest — N = ${int(options.count)}, ${options.runs} run(s), ${machine.cores} cores, Node ${machine.node}`,
  );
  const table = textTable(
    ['measurement', 'median s', 'median signals/s', 'min signals/s', 'max signals/s', 'ratio to hub'],
    rows.map((s) => [
      s.name,
      secs(s.medianSeconds),
      int(s.medianRate),
      int(s.minRate),
      int(s.maxRate),
      hub ? `${(s.medianRate / hub.medianRate).toFixed(2)}×` : '—',
    ]),
  );
  say(table);
  const notes: string[] = [];
  if (hub) {
    notes.push(
      `target ${int(TARGET_PER_SECOND)} signals/s: hub median is ${((hub.medianRate / TARGET_PER_SECOND) * 100).toFixed(0)}% of it.`,
      `hub end-to-end: fresh database + consumer group per run; timed from the createHubApp() call (Nest bootstrap, ` +
        `consumer connect and group join included, nothing subtracted) until count(*) FROM signal = ${int(world.expectedRows)} (polled every ${POLL_MS} ms).`,
      `  median createHubApp ${secs(medianOf(hubRuns.map((r) => r.bootSeconds)))} s, first row at ${secs(medianOf(hubRuns.map((r) => r.firstRowSeconds)))} s, ` +
        `10–90% rate ${int(medianOf(hubRuns.map((r) => r.steadyRate)))} signals/s; consumer lag 0 confirmed after every run.`,
    );
  }
  if (kafka) {
    notes.push(
      `kafkajs ceiling: libs/kafka createConsumer with the hub's settings (concurrency 2, per-batch commit), handler only counts; timed until every partition is read to its end offset; includes connect + group join.`,
    );
  }
  if (copy) {
    notes.push(
      `COPY ceiling: psql \\copy of a CSV (the same 45 columns, values from the hub's own SignalPipeline) into signal_copy ` +
        `(LIKE signal INCLUDING ALL: same defaults, CHECKs and ${copyRuns[0].indexes} indexes; no FK, no household/case upserts); includes psql start-up.`,
    );
  }
  notes.push(
    `producer: measured once, ${int(PRODUCE_CHUNK)}-message sends one after another, acks=all, ${PARTITIONS} partitions.`,
    `hub pipeline alone (signature, validation, routing, rules, minimisation; no Kafka, no DB), once, single thread: ${int(options.count / world.pipelineSeconds)} signals/s.`,
  );
  for (const n of notes) say(`- ${n}`);
  const stepNotes = world.steps ? stepsNotes(world.steps, machine.cores) : [];
  if (world.steps) {
    say();
    say(
      `The hub's pipeline step by step: ${int(world.steps.sample)} of the signals, single thread, median of ${world.steps.runs} run(s) per step`,
    );
    say(stepsTable(world.steps));
    for (const n of stepNotes) say(`- ${n}`);
  }
  const samples = hubRuns.reduce((sum, r) => sum + r.activitySamples, 0);
  const states = new Map<string, number>();
  for (const r of hubRuns) {
    for (const [label, n] of Object.entries(r.activity)) states.set(label, (states.get(label) ?? 0) + n);
  }
  if (samples > 0 && states.size > 0) {
    const busy = [...states.values()].reduce((a, b) => a + b, 0);
    say();
    say(
      `The hub's PostgreSQL connections during the hub runs (${samples} pg_stat_activity samples, idle connections left out):`,
    );
    say(
      textTable(
        ['backend state', 'avg backends', 'share'],
        [...states.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 14)
          .map(([label, n]) => [label, (n / samples).toFixed(2), `${((n / busy) * 100).toFixed(1)}%`]),
      ),
    );
  }
  if (profile) {
    say();
    say(`Where the hub's main JS thread spends its time (profiled run, ${secs(profile.totalMs / 1000, 1)} s sampled):`);
    say(
      textTable(
        ['area', 'self ms', 'share'],
        profile.areas.slice(0, 14).map((a) => [a.area, int(a.ms), `${(a.share * 100).toFixed(1)}%`]),
      ),
    );
    say();
    say(
      textTable(
        ['function', 'where', 'self ms', 'share'],
        profile.functions.map((f) => [f.name, f.where, int(f.ms), `${(f.share * 100).toFixed(1)}%`]),
      ),
    );
  }

  const base = join(RESULTS_DIR, `ingest-${stamp}`);
  const ratio = (s: Summary) => (hub ? ` · ${(s.medianRate / hub.medianRate).toFixed(1)}× hub` : '');
  const pct = (s: Summary) => `${((s.medianRate / TARGET_PER_SECOND) * 100).toFixed(0)}% of target`;
  const json = {
    benchmark: 'ingest',
    timestamp: new Date().toISOString(),
    machine,
    versions,
    count: options.count,
    expectedRows: world.expectedRows,
    runs: options.runs,
    seed: options.seed,
    municipalities: MUNICIPALITIES,
    targetPerSecond: TARGET_PER_SECOND,
    summary: Object.fromEntries(rows.map((s) => [s.name, { ...s, ratioToHub: ratioToHub(s) ?? null }])),
    hubRuns,
    kafkaRuns,
    copyRuns,
    produceSeconds: world.produceSeconds,
    pipelineOnlyRate: options.count / world.pipelineSeconds,
    notes,
    steps: world.steps ? { ...world.steps, notes: stepNotes } : undefined,
    profile: profile ? { file: profileFile, ...profile } : undefined,
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(
    `${base}.svg`,
    barChartSvg({
      title: `Signaalhub ingest: median signals/s (N = ${int(options.count)}, ${options.runs} run(s))`,
      subtitle: `${machine.cores} cores · ${machine.cpuModel} · Node ${machine.node} · ${stamp}`,
      target: TARGET_PER_SECOND,
      targetLabel: `target ${int(TARGET_PER_SECOND)} signals/s`,
      bars: [
        ...(hub ? [{ label: 'hub end-to-end', value: hub.medianRate, note: pct(hub), colour: '#1f77b4' }] : []),
        ...(kafka
          ? [{ label: 'kafkajs consume', value: kafka.medianRate, note: `ceiling${ratio(kafka)}`, colour: '#7f7f7f' }]
          : []),
        ...(copy
          ? [{ label: 'PostgreSQL COPY', value: copy.medianRate, note: `ceiling${ratio(copy)}`, colour: '#7f7f7f' }]
          : []),
        { label: 'producer', value: produce.medianRate, note: `1 run${ratio(produce)}`, colour: '#bcbd22' },
      ],
    }),
  );
  say();
  say(`results: ${base.replace(REPO_ROOT, '')}.json, .svg${profileFile ? ', .cpuprofile' : ''}`);
  return 0;
}

/** a) The hub in-process against a fresh database and consumer group. */
async function hubRun(
  world: World,
  round: number,
  hooks: { beforeStart?: () => Promise<void>; afterDone?: () => Promise<void> } = {},
): Promise<HubRun> {
  const dbName = `bench_hub_${world.id}_${round}`;
  const url = await createDatabase(world.infra.databaseServer, dbName);
  await runMigrations(url);
  // The registry is seeded before the measured hub starts: the topic is full already, and a hub
  // without the creditors' keys would refuse every signal.
  await seedRegistry(world.infra, url, world.creditorKeysDir, world.keys);
  const group = `${world.prefix}hub-${round}`;
  world.groups.push(group);
  const config = loadHubConfig({
    DATABASE_URL: url,
    KAFKA_BROKERS: world.infra.brokers,
    KAFKA_TOPIC_PREFIX: world.prefix,
    KAFKA_CONSUMER_GROUP: group,
    AUTH_PUBLIC_KEY_FILE: world.keys.publicKeyFile,
    DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(world.creditorKeysDir),
    NODE_ENV: 'test',
    PORT: '0',
  });
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  const expected = world.expectedRows;
  const timeoutMs = Math.max(180_000, (expected / 300) * 1000);
  let app: INestApplication | undefined;
  let bootError: unknown;
  let booting: Promise<INestApplication | undefined> = Promise.resolve(undefined);
  let closing: Promise<void> | undefined;
  const closeHub = () =>
    (closing ??= (async () => {
      await (app ?? (await booting))?.close();
      await db.end();
    })());
  const unregister = world.infra.beforeStop(closeHub);
  try {
    await hooks.beforeStart?.();
    const cpu0 = sampleCpu(world.infra);
    const t0 = now();
    let bootSeconds = Number.NaN;
    booting = createHubApp(config).then(
      (a) => {
        app = a;
        bootSeconds = (now() - t0) / 1000;
        return a;
      },
      (error: unknown) => {
        bootError = error ?? new Error('createHubApp failed');
        return undefined;
      },
    );
    const timeline: Array<[number, number]> = [];
    const activity = new Map<string, number>();
    let activitySamples = 0;
    let lastReport = t0;
    let stored = 0;
    let end = t0;
    let progressAt = t0;
    for (;;) {
      if (bootError) throw bootError;
      if (app) {
        // What the hub's PostgreSQL connections are doing right now (this polling connection excluded).
        const { rows: backends } = await db.query<Backend>(
          `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        activitySamples++;
        for (const backend of backends) {
          const label = activityLabel(backend);
          if (label) activity.set(label, (activity.get(label) ?? 0) + 1);
        }
      }
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM signal');
      const previous = stored;
      stored = Number(rows[0].n);
      end = now();
      if (stored !== previous || !app) progressAt = end;
      timeline.push([Number(((end - t0) / 1000).toFixed(3)), stored]);
      if (stored >= expected) break;
      if (app && timeline.length % 8 === 0 && (await world.bus.consumerLag(group, world.topics.signals)) === 0) {
        // All consumed and committed (so stored), yet short: the hub rejected some; waiting is pointless.
        const { rows: again } = await db.query<{ n: string }>('SELECT count(*) AS n FROM signal');
        const dlq = await world.bus.topicEndOffsets(world.topics.deadLetter).catch(() => new Map<number, bigint>());
        const dead = [...dlq.values()].reduce((a, b) => a + Number(b), 0);
        if (Number(again[0].n) < expected) {
          throw new Error(
            `the hub consumed all messages but stored ${again[0].n}/${expected} signals (${dead} on ${world.topics.deadLetter}); ` +
              'do the synthetic signals still pass its checks?',
          );
        }
      }
      if (end - progressAt > STALL_MS) {
        const lag = await world.bus.consumerLag(group, world.topics.signals).catch(() => Number.NaN);
        throw new Error(
          `the hub stored nothing for ${STALL_MS / 1000} s (${stored}/${expected} stored, consumer lag ${lag}); see its log above`,
        );
      }
      if (end - t0 > timeoutMs) {
        const lag = await world.bus.consumerLag(group, world.topics.signals).catch(() => Number.NaN);
        throw new Error(
          `hub stored only ${stored}/${expected} signals in ${secs(timeoutMs / 1000, 0)} s (consumer lag ${lag})`,
        );
      }
      if (end - lastReport > 10_000) {
        say(`    … ${int(stored)}/${int(expected)} stored after ${secs((end - t0) / 1000, 1)} s`);
        lastReport = end;
      }
      await sleep(Math.max(0, POLL_MS - (now() - end)));
    }
    const cpu1 = sampleCpu(world.infra);
    await hooks.afterDone?.();
    if (stored !== expected) throw new Error(`hub stored ${stored} signals, expected exactly ${expected}`);
    await booting;
    // The offsets are committed right after each batch's transaction; confirm the group caught up.
    let lag = Number.NaN;
    const lagDeadline = now() + 30_000;
    while (now() < lagDeadline) {
      lag = await world.bus.consumerLag(group, world.topics.signals);
      if (lag === 0) break;
      await sleep(POLL_MS);
    }
    if (lag !== 0) throw new Error(`consumer lag is ${lag} after all ${expected} signals were stored`);
    const lagZeroSeconds = (now() - t0) / 1000;
    const seconds = (end - t0) / 1000;
    return {
      seconds,
      bootSeconds,
      firstRowSeconds: timeline.find(([, n]) => n > 0)?.[0] ?? Number.NaN,
      steadyRate: steadyRate(timeline, expected),
      lagZeroSeconds,
      cpu: cpuDelta(cpu0, cpu1),
      activitySamples,
      activity: Object.fromEntries([...activity.entries()].sort((a, b) => b[1] - a[1])),
      timeline,
    };
  } finally {
    unregister();
    await closeHub().catch((error: unknown) => process.stderr.write(`[bench] hub close failed: ${String(error)}\n`));
    await dropDatabase(world.infra.databaseServer, dbName).catch(() => undefined);
  }
}

/** b) A libs/kafka consumer with the hub's settings whose handler only counts. */
async function kafkaRun(world: World, round: number): Promise<KafkaRun> {
  const bus = createKafkaBus({ brokers: world.infra.brokers.split(','), clientId: 'signaalhub-bench-raw' });
  const group = `${world.prefix}raw-${round}`;
  world.groups.push(group);
  const consumer = bus.createConsumer({
    groupId: group,
    topics: [world.topics.signals],
    fromBeginning: true,
    concurrency: 2,
  });
  const unregister = world.infra.beforeStop(() => consumer.stop());
  const total = world.options.count;
  // Done when every partition has been read to its end offset: distinct offsets, so a batch
  // delivered twice would not count twice.
  const ends = await world.bus.topicEndOffsets(world.topics.signals);
  const readUpTo = new Map<number, bigint>([...ends.keys()].map((p) => [p, 0n]));
  let remaining = [...ends.values()].filter((end) => end > 0n).length;
  let delivered = 0;
  let batches = 0;
  let finish: (at: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  try {
    const cpu0 = sampleCpu(world.infra);
    const t0 = now();
    await consumer.start(async (batch) => {
      delivered += batch.messages.length;
      batches++;
      const next = BigInt(batch.messages[batch.messages.length - 1].offset) + 1n;
      const before = readUpTo.get(batch.partition) ?? 0n;
      const end = ends.get(batch.partition) ?? 0n;
      if (next > before) readUpTo.set(batch.partition, next);
      if (before < end && next >= end && --remaining === 0) finish(now());
    });
    const timeoutMs = Math.max(120_000, (total / 1000) * 1000);
    const end = await Promise.race([finished, sleep(timeoutMs).then(() => Number.NaN)]);
    const cpu1 = sampleCpu(world.infra);
    const read = [...readUpTo.values()].reduce((a, b) => a + Number(b), 0);
    if (Number.isNaN(end)) throw new Error(`raw consumer read only ${read}/${total} messages`);
    if (delivered !== total)
      process.stderr.write(`[bench] raw consumer: ${delivered} deliveries for ${total} messages\n`);
    return { seconds: (end - t0) / 1000, batches, delivered, cpu: cpuDelta(cpu0, cpu1) };
  } finally {
    unregister();
    await consumer.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
  }
}

/** c) `psql \copy` of the same rows into a `signal`-shaped table in a fresh database. */
async function copyRun(world: World, round: number): Promise<CopyRun> {
  const dbName = `bench_copy_${world.id}_${round}`;
  const url = await createDatabase(world.infra.databaseServer, dbName);
  try {
    await runMigrations(url);
    await queryOne(url, 'CREATE TABLE signal_copy (LIKE signal INCLUDING ALL)');
    const indexes = Number(await queryOne(url, `SELECT count(*) FROM pg_indexes WHERE tablename = 'signal_copy'`));
    const cpu0 = sampleCpu(world.infra);
    const t0 = now();
    await psql(url, `\\copy signal_copy (${SIGNAL_COLUMNS.join(', ')}) FROM '${world.csvFile}' WITH (FORMAT csv)`);
    const seconds = (now() - t0) / 1000;
    // psql has exited, its backend may not have been reaped yet: only then does its CPU time show
    // up in the postmaster's children's time. Outside the timed part.
    await sleep(500);
    const cpu1 = sampleCpu(world.infra);
    const copied = Number(await queryOne(url, 'SELECT count(*) FROM signal_copy'));
    if (copied !== world.expectedRows) throw new Error(`COPY stored ${copied} rows, expected ${world.expectedRows}`);
    return { seconds, indexes, cpu: cpuDelta(cpu0, cpu1) };
  } finally {
    await dropDatabase(world.infra.databaseServer, dbName).catch(() => undefined);
  }
}

function psql(url: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new Error(`psql is needed for the COPY ceiling (${(error as NodeJS.ErrnoException).code ?? error.message})`),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

async function queryOne(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows.length > 0 ? String(Object.values(rows[0] as Record<string, unknown>)[0]) : '';
  } finally {
    await client.end();
  }
}

/** The hub's statements (SignalStore, feedback outbox, registry), recognised by their text. */
const STATEMENTS: Array<[RegExp, string]> = [
  [/FROM signal WHERE payload_sha256/, 'dedup SELECT'],
  [/DISTINCT ON \(s\.creditor_id/, 'previous-signal SELECT'],
  [/INSERT INTO household/, 'household upsert'],
  [/INSERT INTO signal_case/, 'case upsert'],
  [/INSERT INTO signal \(/, 'signal INSERT'],
  [/WITH latest AS/, 'case refresh UPDATE'],
  [/INSERT INTO minimisation_count/, 'minimisation count upsert'],
  [/INSERT INTO feedback_outbox/, 'feedback outbox INSERT'],
  [/FROM feedback_outbox WHERE published_at IS NULL/, 'outbox relay SELECT'],
  [/UPDATE feedback_outbox/, 'outbox relay UPDATE'],
  [/INSERT INTO audit_event/, 'audit INSERT'],
];

/** A hub backend's state in one pg_stat_activity sample, by statement; idle ones are left out. */
function activityLabel(backend: Backend): string | undefined {
  if (backend.state === 'idle' || backend.state === null) return undefined;
  const q = backend.query;
  const statement =
    STATEMENTS.find(([pattern]) => pattern.test(q))?.[1] ?? (q.trim().split(/\s+/)[0] ?? '?').toUpperCase();
  if (backend.state === 'idle in transaction') return `idle in transaction, after ${statement} (waits for Node)`;
  if (backend.state !== 'active') return `${backend.state}: ${statement}`;
  return `${statement}: ${backend.wait_event_type ? `waits ${backend.wait_event_type}/${backend.wait_event}` : 'running'}`;
}

/** Signals per second between the polls where 10% and 90% of `total` were stored (linear interpolation). */
function steadyRate(timeline: Array<[number, number]>, total: number): number {
  const at = (target: number): number => {
    for (let i = 1; i < timeline.length; i++) {
      const [t1, n1] = timeline[i];
      if (n1 >= target) {
        const [t0, n0] = timeline[i - 1];
        return n1 === n0 ? t1 : t0 + ((target - n0) / (n1 - n0)) * (t1 - t0);
      }
    }
    return Number.NaN;
  };
  const low = at(total * 0.1);
  const high = at(total * 0.9);
  return high > low ? (total * 0.8) / (high - low) : Number.NaN;
}

function medianOf(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cpuText(cpu: CpuSample, wallSeconds: number): string {
  const parts = [`node ${secs(cpu.node, 1)}`];
  if (cpu.postgres !== undefined) parts.push(`postgres ${secs(cpu.postgres, 1)}`);
  if (cpu.kafka !== undefined) parts.push(`kafka ${secs(cpu.kafka, 1)}`);
  const cores = os.availableParallelism();
  return `${parts.join(', ')} of ${secs(wallSeconds * cores, 1)} available (${cores} cores × ${secs(wallSeconds, 1)} s wall)`;
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
