// The Kafka broker restarted in the middle of an ingest (a broker of this file's own, not the
// shared one): the hub notices, recovers without a restart of its own, and ends with exactly the
// valid signals stored and every refusal dead-lettered and recorded once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKafkaJars, freePort, startKafkaBroker, stopKafkaBroker } from '@signaalhub/devstack';
import {
  endState,
  expectedEndState,
  faultSignalCount,
  faultWorkload,
  ingestThroughOutage,
  produceAll,
  type FaultWorkload,
} from '../support/fault-ingest.js';
import { HubWorld } from '../support/hub-harness.js';

const COUNT = faultSignalCount(10_000);
const TIMEOUT_MS = 180_000 + COUNT * 10;

describe(`the Kafka broker restarted during an ingest of ${COUNT} signals`, () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'signaalhub-faults-kafka-')), 'kafka');
  let broker: { dataDir: string; port: number; controllerPort: number };
  let world: HubWorld;
  let workload: FaultWorkload;

  beforeAll(async () => {
    await ensureKafkaJars();
    // Fixed ports: the clients find the restarted broker where the old one was.
    broker = { dataDir, port: await freePort(), controllerPort: await freePort() };
    const { brokers } = await startKafkaBroker(broker);
    world = new HubWorld('faults_kafka', { seedCreditors: true, infra: { brokers } });
    await world.databaseUrl;
    await world.ensureTopics();
    await world.stopHub(await world.startHub({ INGEST_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' }));
    workload = faultWorkload(world, { count: COUNT, seed: 1203, municipalities: ['GM0363', 'GM0599', 'GM0344'] });
    await produceAll(world.bus, world.topics.signals, workload.messages);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await world?.close();
    await stopKafkaBroker(dataDir);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it(
    'readiness goes down and comes back in the same hub process, and nothing is lost or doubled',
    async () => {
      const outcome = await ingestThroughOutage(
        world,
        workload,
        {
          down: async () => {
            await stopKafkaBroker(dataDir);
          },
          up: async () => {
            await startKafkaBroker(broker);
          },
        },
        TIMEOUT_MS,
      );
      expect(outcome).toEqual({ readinessWhileDown: 503, readinessAfter: 200, sameProcess: true, log: '' });
      const { state, copies } = await endState(world, workload);
      expect(state).toEqual(expectedEndState(workload));
      process.stdout.write(
        `[faults] Kafka restart: dead-letter copies ${copies.deadLetters}, feedback copies ${copies.feedback}\n`,
      );
    },
    TIMEOUT_MS * 2,
  );
});
