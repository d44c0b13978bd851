import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  startKafkaBroker,
  ensureKafkaJars,
  stopKafkaBroker,
} from '@signaalhub/devstack';

/**
 * Starts the real infrastructure the integration tests share, once per run: an embedded
 * PostgreSQL and a single-node Kafka broker, each on free loopback ports in a fresh temp folder.
 * DATABASE_URL / KAFKA_BROKERS, when set, point the tests at existing servers instead.
 * Each test file then makes its own database and its own topic prefix.
 */
export default async function globalSetup(): Promise<void> {
  const state: { stop: Array<() => Promise<unknown>> } = { stop: [] };
  (globalThis as Record<string, unknown>).__signaalhubInfra = state;

  const startedAt = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'signaalhub-test-'));
  const [database, kafka] = await Promise.all([
    process.env.DATABASE_URL
      ? Promise.resolve(process.env.DATABASE_URL)
      : startEmbeddedPostgres({ dataDir: join(work, 'pg') }).then((pg) => {
          state.stop.push(() => pg.stop());
          return pg.url;
        }),
    process.env.KAFKA_BROKERS
      ? Promise.resolve(process.env.KAFKA_BROKERS)
      : (async () => {
          await ensureKafkaJars();
          const dataDir = join(work, 'kafka');
          const broker = await startKafkaBroker({ dataDir, port: await freePort(), controllerPort: await freePort() });
          state.stop.push(() => stopKafkaBroker(dataDir));
          return broker.brokers;
        })(),
  ]);
  process.env.SIGNAALHUB_TEST_DATABASE = database;
  process.env.SIGNAALHUB_TEST_KAFKA = kafka;
  process.stdout.write(`\n[infra] PostgreSQL and Kafka ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
}
