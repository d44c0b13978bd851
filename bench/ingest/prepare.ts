import { join } from 'node:path';
import { DEFAULT_TOPIC_RETENTION_MS, TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createDatabase, dropDatabase, ensureDevKeyPair } from '@signaalhub/devstack';
import type { PreviousSignal } from '@signaalhub/domain';
import type { ConsumedMessage, KafkaBus } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import {
  ensureCreditorKeys,
  loadDutchFaker,
  nationalSignals,
  signedKafkaBatch,
  SYNTHETIC_CREDITORS,
  type KafkaRecord,
} from '../../apps/connectors/src/index.js';
import {
  type AcceptedSignal,
  HubTopics,
  type RegistrySnapshot,
  runMigrations,
  SignalPipeline,
} from '../../apps/hub/src/index.js';
import type { BenchInfra } from '../lib/infra.js';
import { int, secs } from '../lib/report.js';
import { measureSteps, type StepsReport } from '../lib/steps.js';
import type { Options } from './options.js';
import { writeSignalCsv } from './signal-csv.js';
import { now, say } from './support.js';
import { PARTITIONS, PRODUCE_CHUNK, seedRegistry, type PreparedWorld } from './world.js';

/** Generates and produces the signals once, and writes the CSV for the COPY ceiling. */
export async function prepare(
  options: Options,
  infra: BenchInfra,
  bus: KafkaBus,
  prefix: string,
  id: string,
  groups: string[],
  work: string,
): Promise<PreparedWorld> {
  const keys = ensureDevKeyPair(join(work, 'keys'));
  let t = now();
  const reference = loadReferenceData();
  // The national simulator's stream, as `npm run simulate` produces it: every municipality by
  // population, the sector mix, several creditors per household, updates and withdrawals in order.
  // It ends today, so the hub's date rules judge it as current signals.
  const signals = [
    ...nationalSignals(reference, await loadDutchFaker(options.seed), {
      count: options.count,
      seed: options.seed,
      referenceDate: new Date().toISOString().slice(0, 10),
    }),
  ];
  // Signed as the creditors' connectors sign: the hub refuses what a registered key did not sign.
  const creditorKeysDir = join(work, 'creditors');
  const signers = ensureCreditorKeys(
    creditorKeysDir,
    SYNTHETIC_CREDITORS.map((c) => c.id),
  );
  // Each produced chunk is one signed batch per creditor (batch mode), as the connectors sign.
  const signChunk = signedKafkaBatch(signers);
  const records: Array<{ key: string; value: Buffer }> = [];
  for (let i = 0; i < signals.length; i += PRODUCE_CHUNK)
    records.push(...signChunk(signals.slice(i, i + PRODUCE_CHUNK)));
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
  writeSignalCsv(csvFile, accepted);
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
  // As the hub does: an update or withdrawal is judged against the last accepted signal of its arrears.
  const previous = new Map<string, PreviousSignal>();
  for (const message of messages) {
    const checked = pipeline.check(message, registry);
    if (!checked.ok) continue;
    const arrears = `${checked.value.creditorId}\u0000${checked.value.signal.creditorSignalRef}`;
    const decided = pipeline.decide(message, checked.value, registry, previous.get(arrears) ?? null);
    if (!decided.ok) continue;
    const hash = decided.value.payloadSha256.toString('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    accepted.push(decided.value);
    const { kind, amountCents, signalDate } = decided.value.signal;
    previous.set(arrears, { kind, amountCents, signalDate });
  }
  return accepted;
}
