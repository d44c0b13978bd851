// PostgreSQL restarted in the middle of an ingest (a server of this file's own, so no other test
// file loses its database): the hub notices, recovers without a restart of its own, and ends with
// exactly the valid signals stored and every refusal dead-lettered and recorded once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres, type PostgresServer } from '@signaalhub/devstack';
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
const TIMEOUT_MS = 120_000 + COUNT * 10;

describe(`PostgreSQL restarted during an ingest of ${COUNT} signals`, () => {
  const work = mkdtempSync(join(tmpdir(), 'signaalhub-faults-pg-'));
  const dataDir = join(work, 'pg');
  let port: number;
  let server: PostgresServer;
  let world: HubWorld;
  let workload: FaultWorkload;

  // Persistent: a stop keeps the data directory, so the same server comes back with its data.
  const startServer = () => startEmbeddedPostgres({ dataDir, port, persistent: true });

  beforeAll(async () => {
    port = await freePort();
    server = await startServer();
    world = new HubWorld('faults_pg', { seedCreditors: true, infra: { databaseServer: server.url } });
    await world.databaseUrl;
    await world.ensureTopics();
    await world.stopHub(await world.startHub({ INGEST_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' }));
    workload = faultWorkload(world, { count: COUNT, seed: 1202, municipalities: ['GM0363', 'GM0599', 'GM0344'] });
    await produceAll(world.bus, world.topics.signals, workload.messages);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await world?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'readiness goes down and comes back in the same hub process, and nothing is lost or doubled',
    async () => {
      const outcome = await ingestThroughOutage(
        world,
        workload,
        {
          down: () => server.stop(),
          up: async () => {
            server = await startServer();
          },
        },
        TIMEOUT_MS,
      );
      expect(outcome).toEqual({ readinessWhileDown: 503, readinessAfter: 200, sameProcess: true, log: '' });
      const { state, copies } = await endState(world, workload);
      expect(state).toEqual(expectedEndState(workload));
      process.stdout.write(
        `[faults] PostgreSQL restart: dead-letter copies ${copies.deadLetters}, feedback copies ${copies.feedback}\n`,
      );
    },
    TIMEOUT_MS * 2,
  );
});
