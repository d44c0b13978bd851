import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  deadLetterKeyFromBase64,
  DLQ_HEADER_SOURCE_OFFSET,
  DLQ_HEADER_SOURCE_PARTITION,
  DLQ_HEADER_SOURCE_TOPIC,
  openDeadLetter,
} from '@signaalhub/contracts';
import { createKafkaBus, type ConsumedMessage, type KafkaBus, type KafkaClientName } from '@signaalhub/kafka';
import {
  createDatabase,
  DEV_ISSUER,
  dropDatabase,
  ensureDevDeadLetterKey,
  ensureDevKeyPair,
  mintToken,
  type DevKeyPair,
  type TokenClaims,
} from '@signaalhub/devstack';
import {
  signedKafkaBatch,
  type CreditorSigningKey,
  type KafkaRecord,
  type SyntheticSignal,
} from '../../apps/connectors/src/index.js';
import pg from 'pg';
import {
  createHubApp,
  CreditorRegistryService,
  type HubConfig,
  HubTopics,
  loadHubConfig,
  runMigrations,
} from '../../apps/hub/src/index.js';
import { seedDevelopmentCreditors } from '../../tools/dev-seed.js';

/** Infrastructure started by the global setup (test/global-setup.ts). */
export function infra(): { databaseServer: string; brokers: string } {
  const databaseServer = process.env.SIGNAALHUB_TEST_DATABASE;
  const brokers = process.env.SIGNAALHUB_TEST_KAFKA;
  if (!databaseServer || !brokers) throw new Error('integration tests run through the global setup (npm test)');
  return { databaseServer, brokers };
}

/** Runs `create` with `KAFKA_CLIENT` set to `client` (when given): the hub's bus is made meanwhile. */
async function withKafkaClient<T>(client: KafkaClientName | undefined, create: () => Promise<T>): Promise<T> {
  if (client === undefined) return create();
  const previous = process.env.KAFKA_CLIENT;
  process.env.KAFKA_CLIENT = client;
  try {
    return await create();
  } finally {
    if (previous === undefined) delete process.env.KAFKA_CLIENT;
    else process.env.KAFKA_CLIENT = previous;
  }
}

/**
 * One isolated hub world per test file: its own database, its own topic prefix and consumer group
 * on the shared broker, its own signing key. Hubs can be started and stopped within it, to test
 * restarts against the same data.
 */
export class HubWorld {
  readonly id = `t${randomBytes(4).toString('hex')}`;
  readonly topics = new HubTopics(`${this.id}.`);
  readonly bus: KafkaBus;
  readonly keys: DevKeyPair;
  /** The key file that seals this world's dead letters (DLQ_ENCRYPTION_KEY_FILE). */
  readonly deadLetterKeyFile = ensureDevDeadLetterKey(mkdtempSync(join(tmpdir(), 'signaalhub-dlq-')));
  readonly databaseUrl: Promise<string>;
  readonly db: pg.Pool;
  private readonly apps = new Set<INestApplication>();

  /** Signing keys of the synthetic creditors, once `seedCreditors` registered them. */
  private signers = new Map<string, CreditorSigningKey>();
  private readonly creditorKeysDir = mkdtempSync(join(tmpdir(), 'signaalhub-creditors-'));

  /**
   * @param options.seedCreditors register the synthetic creditors (keys, sectors, agreements with
   *   every municipality) when a hub starts, so synthetic signals pass the authenticity checks.
   * @param options.infra a PostgreSQL server and Kafka brokers of the test's own (to restart them)
   *   instead of the shared ones of the global setup.
   * @param options.client the Kafka client of the world's bus and of its hubs; `KAFKA_CLIENT` when absent.
   */
  constructor(
    name: string,
    private readonly options: {
      seedCreditors?: boolean;
      infra?: { databaseServer?: string; brokers?: string };
      client?: KafkaClientName;
    } = {},
  ) {
    const { databaseServer, brokers } = this.infra;
    this.bus = createKafkaBus({ brokers: brokers.split(','), clientId: `test-${name}`, client: options.client });
    this.keys = ensureDevKeyPair(mkdtempSync(join(tmpdir(), 'signaalhub-keys-')));
    const dbName = `${name.replace(/[^a-z0-9]/g, '_')}_${this.id}`;
    this.databaseUrl = createDatabase(databaseServer, dbName).then(async (url) => {
      await runMigrations(url);
      return url;
    });
    this.db = new pg.Pool({ connectionString: lazyUrl(databaseServer, dbName), max: 4 });
    // Dropping the database at the end closes idle connections from the server side.
    this.db.on('error', () => undefined);
    this.dbName = dbName;
  }

  private readonly dbName: string;

  /** The PostgreSQL server and Kafka brokers of this world. */
  get infra(): { databaseServer: string; brokers: string } {
    return { ...infra(), ...this.options.infra };
  }

  async config(overrides: Record<string, string> = {}): Promise<HubConfig> {
    return loadHubConfig(await this.env(overrides));
  }

  /** The environment a hub of this world runs with (also a hub in a process of its own). */
  async env(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
    return {
      DATABASE_URL: await this.databaseUrl,
      KAFKA_BROKERS: this.infra.brokers,
      AUTH_PUBLIC_KEY_FILE: this.keys.publicKeyFile,
      DLQ_ENCRYPTION_KEY_FILE: this.deadLetterKeyFile,
      AUTH_ISSUER: DEV_ISSUER,
      NODE_ENV: 'test',
      PORT: '0',
      KAFKA_TOPIC_PREFIX: `${this.id}.`,
      KAFKA_CONSUMER_GROUP: `${this.id}-hub`,
      ...overrides,
    };
  }

  /** @param options.logCapture where the hub logs instead of stdout, and from which level */
  async startHub(
    overrides: Record<string, string> = {},
    options: Parameters<typeof createHubApp>[1] = {},
  ): Promise<INestApplication> {
    const app = await withKafkaClient(this.options.client, async () =>
      createHubApp(await this.config(overrides), options),
    );
    await app.listen(0, '127.0.0.1');
    this.apps.add(app);
    if (this.options.seedCreditors) {
      this.signers = await seedDevelopmentCreditors(app.get(CreditorRegistryService), this.creditorKeysDir);
    }
    return app;
  }

  /**
   * Kafka records as the creditors' connectors produce them: `signals` as one produced batch, signed
   * in batch mode (one Merkle root per creditor) with each creditor's key.
   */
  records(signals: SyntheticSignal[]): KafkaRecord[] {
    if (this.signers.size === 0) throw new Error('start a hub of a world with seedCreditors first');
    return signedKafkaBatch(this.signers)(signals);
  }

  /** The signing key of one synthetic creditor (after seeding). */
  signer(creditorId: string): CreditorSigningKey {
    const signer = this.signers.get(creditorId);
    if (!signer) throw new Error(`no signing key for ${creditorId}`);
    return signer;
  }

  async stopHub(app: INestApplication): Promise<void> {
    this.apps.delete(app);
    await app.close();
  }

  token(claims: TokenClaims): Promise<string> {
    return mintToken(this.keys, claims);
  }

  async ensureTopics(): Promise<void> {
    // The hub's own topic specs and setup path, so a test's first produce meets the same topics
    // (partitions, retention, leaders) a hub would create.
    const config = await this.config();
    await this.bus.ensureTopics(Object.values(this.topics.specs(config)));
  }

  /** Polls until `check` holds; for waiting on asynchronous ingest, not for measuring time. */
  async eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (!check(value)) {
      if (Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 200));
      value = await probe();
    }
    return value;
  }

  /** The original bytes of a dead letter that a hub of this world sealed. */
  openDeadLetter(message: ConsumedMessage): Buffer {
    const key = deadLetterKeyFromBase64(readFileSync(this.deadLetterKeyFile, 'utf8'));
    const header = (name: string) => message.headers[name]?.toString() ?? '';
    const position = `${header(DLQ_HEADER_SOURCE_TOPIC)}/${header(DLQ_HEADER_SOURCE_PARTITION)}/${header(DLQ_HEADER_SOURCE_OFFSET)}`;
    return openDeadLetter([key], message.value ?? Buffer.alloc(0), position);
  }

  /**
   * Every table of this world's database with a row whose text contains `value` (case-insensitive):
   * for proving that a value is nowhere, without having to know where it might have gone.
   */
  async tablesContaining(value: string): Promise<string[]> {
    const { rows: tables } = await this.db.query(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const hits: string[] = [];
    for (const { name } of tables as Array<{ name: string }>) {
      const { rows } = await this.db.query(`SELECT 1 FROM ${name} t WHERE t::text ILIKE $1 LIMIT 1`, [`%${value}%`]);
      if (rows.length > 0) hits.push(name);
    }
    return hits;
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await this.db.query(sql, params);
    return Number(Object.values(rows[0])[0]);
  }

  async close(): Promise<void> {
    for (const app of this.apps) await app.close().catch(() => undefined);
    await this.bus.close();
    await this.db.end();
    await dropDatabase(this.infra.databaseServer, this.dbName).catch(() => undefined);
  }
}

function lazyUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
