import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { createDatabase, dropDatabase, ensureDevDeadLetterKey } from '@signaalhub/devstack';
import pg from 'pg';
import { createHubApp, loadHubConfig, runMigrations } from '../../apps/hub/src/index.js';
import { cpuDelta, sampleCpu, type CpuSample } from '../lib/cpu.js';
import { int, secs } from '../lib/report.js';
import { activityLabel, type Backend } from './activity.js';
import { now, say } from './support.js';
import { seedRegistry, type World } from './world.js';

export const POLL_MS = 250;
/** A hub run that stores nothing for this long has failed (a crashed consumer, a poison batch). */
const STALL_MS = 60_000;

export interface HubRun {
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

/** a) The hub in-process against a fresh database and consumer group. */
export async function hubRun(
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
