import os from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { SIGNAL_COLUMNS } from '../../apps/hub/src/index.js';
import { barChartSvg, int, secs, summarise, textTable, type Summary } from '../lib/report.js';
import { profileTables, type ProfileSummary } from '../lib/profile.js';
import { stepsNotes, stepsTable } from '../lib/steps.js';
import type { CopyRun } from './copy-run.js';
import { POLL_MS, type HubRun } from './hub-run.js';
import type { KafkaRun } from './kafka-run.js';
import { medianOf, REPO_ROOT, RESULTS_DIR, say, transcriptMarkdown } from './support.js';
import { PARTITIONS, PRODUCE_CHUNK, type PreparedWorld } from './world.js';

export const TARGET_PER_SECOND = 17_500;

/** What the rounds measured. */
export interface Measured {
  hubRuns: HubRun[];
  kafkaRuns: KafkaRun[];
  /** The same consume ceiling on @platformatic/kafka. */
  platformaticRuns: KafkaRun[];
  copyRuns: CopyRun[];
  /** Names this benchmark's result files. */
  stamp: string;
  profile: ProfileSummary | undefined;
  profileFile: string | undefined;
}

/** Prints the tables and notes, and writes the results as JSON and an SVG bar chart; returns the exit code. */
export function report(
  world: PreparedWorld,
  machine: Record<string, string | number>,
  versions: Record<string, string>,
  measured: Measured,
): number {
  const { options } = world;
  const { hubRuns, kafkaRuns, platformaticRuns, copyRuns, stamp, profile, profileFile } = measured;
  const summary = (name: string, count: number, seconds: number[]) =>
    seconds.length > 0 ? summarise(name, count, seconds) : undefined;
  const hub = summary(
    options.client === 'kafkajs' ? 'hub end-to-end' : `hub end-to-end (${options.client})`,
    world.expectedRows,
    hubRuns.map((r) => r.seconds),
  );
  const kafka = summary(
    'kafkajs consume ceiling',
    options.count,
    kafkaRuns.map((r) => r.seconds),
  );
  const platformatic = summary(
    'platformatic consume ceiling',
    options.count,
    platformaticRuns.map((r) => r.seconds),
  );
  const copy = summary(
    'PostgreSQL COPY ceiling',
    world.expectedRows,
    copyRuns.map((r) => r.seconds),
  );
  const produce = summarise('(producer rate)', options.count, [world.produceSeconds]);
  const rows = [hub, kafka, platformatic, copy, produce].filter((r): r is Summary => r !== undefined);
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
      `platformatic ceiling: the same consumer on @platformatic/kafka (KAFKA_CLIENT=platformatic), measured the same way, right after the kafkajs one in each round.`,
    );
  }
  if (copy) {
    notes.push(
      `COPY ceiling: psql \\copy of a CSV (the same ${SIGNAL_COLUMNS.length} columns, values from the hub's own SignalPipeline) into signal_copy ` +
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
  printActivity(hubRuns);
  if (profile) {
    say();
    say(
      profileTables(
        profile,
        `Where the hub's main JS thread spends its time (profiled run, ${secs(profile.totalMs / 1000, 1)} s sampled):`,
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
    stream: 'national simulator (municipalities by population, sector mix of 2024)',
    targetPerSecond: TARGET_PER_SECOND,
    summary: Object.fromEntries(rows.map((s) => [s.name, { ...s, ratioToHub: ratioToHub(s) ?? null }])),
    hubRuns,
    kafkaRuns,
    platformaticRuns,
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
        ...(hub ? [{ label: hub.name, value: hub.medianRate, note: pct(hub), colour: '#1f77b4' }] : []),
        ...(kafka
          ? [{ label: 'kafkajs consume', value: kafka.medianRate, note: `ceiling${ratio(kafka)}`, colour: '#7f7f7f' }]
          : []),
        ...(platformatic
          ? [
              {
                label: 'platformatic consume',
                value: platformatic.medianRate,
                note: `ceiling${ratio(platformatic)}`,
                colour: '#7f7f7f',
              },
            ]
          : []),
        ...(copy
          ? [{ label: 'PostgreSQL COPY', value: copy.medianRate, note: `ceiling${ratio(copy)}`, colour: '#7f7f7f' }]
          : []),
        { label: 'producer', value: produce.medianRate, note: `1 run${ratio(produce)}`, colour: '#bcbd22' },
      ],
    }),
  );
  say();
  say(`results: ${base.replace(REPO_ROOT, '')}.md, .json, .svg${profileFile ? ', .cpuprofile' : ''}`);
  writeFileSync(`${base}.md`, transcriptMarkdown(`Signaalhub ingest benchmark, ${stamp}`, `ingest-${stamp}.svg`));
  return 0;
}

/** How busy the hub's PostgreSQL connections were, by statement and wait, over all hub runs. */
function printActivity(hubRuns: HubRun[]): void {
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
}
