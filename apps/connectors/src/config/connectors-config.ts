// class-transformer's @Type reads Reflect.getMetadata when the class is defined, before any caller
// (the CLI, tests, tools/start.ts) would have loaded the polyfill.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { DEFAULT_TOPIC_RETENTION_MS, TOPIC_SIGNALS } from '@signaalhub/contracts';
import { KAFKA_SECURITY_ENV_KEYS, loadKafkaSecurity, type KafkaClientSecurity } from '@signaalhub/platform';

/** One or more `host:port` pairs, comma-separated (spaces around the commas allowed). */
const BROKER_LIST = /^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/;

const PORT_MESSAGE = 'CONNECTORS_PORT must be a whole number from 0 to 65535';

const HOUR_MS = 60 * 60 * 1000;
// The same bounds as the hub's: at least an hour (a briefly stopped hub), at most a year.
const RETENTION_MESSAGE = `KAFKA_SIGNALS_RETENTION_MS must be whole milliseconds from ${HOUR_MS} (1 hour) to ${365 * 24 * HOUR_MS} (365 days)`;

const CSV_POLL_MESSAGE = 'CSV_POLL_INTERVAL_MS must be whole milliseconds from 100 to 3600000';
const CSV_CHUNK_MESSAGE = 'CSV_CHUNK_ROWS must be a whole number from 1 to 5000';
const CSV_SIZE_MESSAGE = 'CSV_MAX_FILE_BYTES must be a whole number of bytes from 1 to 1073741824 (1 GiB)';

const WEBHOOK_ATTEMPTS_MESSAGE = 'FEEDBACK_WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 20';
const WEBHOOK_RETRY_MESSAGE = 'FEEDBACK_WEBHOOK_RETRY_BASE_MS must be whole milliseconds from 10 to 600000';

/** The connectors' environment, validated once at start-up (ARCHITECTURE.md "Configuration"). */
export class ConnectorsConfig {
  @IsString()
  @Matches(BROKER_LIST, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. localhost:9092' })
  KAFKA_BROKERS!: string;

  @Type(() => Number)
  @IsInt({ message: PORT_MESSAGE })
  @Min(0, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  CONNECTORS_PORT: number = 3100;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * `true` serves the synthetic-signal simulator over HTTP (POST /v1/simulator/signals). Off unless
   * asked for: the route publishes signed test data to the signals topic for anyone who can reach it.
   */
  @IsIn(['true', 'false'], { message: 'SIMULATOR_HTTP_ENABLED must be true or false' })
  SIMULATOR_HTTP_ENABLED: 'true' | 'false' = 'false';

  /** Prefixed to every topic name; lets tests and shared clusters keep their topics apart. */
  @IsString()
  KAFKA_TOPIC_PREFIX: string = '';

  /**
   * Where the development creditors' signing keys live (created on first use; the hub's development
   * seed registers the same keys). Production connectors sign with each creditor's own key instead.
   */
  @IsString()
  CREDITOR_KEYS_DIR: string = '.cache/dev-creditors';

  /**
   * The CSV batch inbox: one folder per creditor below it (`<dir>/<creditorId>/`), as an SFTP drop
   * would fill it. Empty (the default) switches the inbox off.
   */
  @IsString()
  CSV_INBOX_DIR: string = '';

  /** How often the inbox is scanned; a file is taken once its size held still for one interval. */
  @Type(() => Number)
  @IsInt({ message: CSV_POLL_MESSAGE })
  @Min(100, { message: CSV_POLL_MESSAGE })
  @Max(3_600_000, { message: CSV_POLL_MESSAGE })
  CSV_POLL_INTERVAL_MS: number = 5000;

  /** Rows per produce request; progress through a file is recorded after each. */
  @Type(() => Number)
  @IsInt({ message: CSV_CHUNK_MESSAGE })
  @Min(1, { message: CSV_CHUNK_MESSAGE })
  @Max(5000, { message: CSV_CHUNK_MESSAGE })
  CSV_CHUNK_ROWS: number = 500;

  /** Larger files go to `failed/` unread (a file is held in memory while processed). */
  @Type(() => Number)
  @IsInt({ message: CSV_SIZE_MESSAGE })
  @Min(1, { message: CSV_SIZE_MESSAGE })
  @Max(1024 * 1024 * 1024, { message: CSV_SIZE_MESSAGE })
  CSV_MAX_FILE_BYTES: number = 100 * 1024 * 1024;

  get csvInboxEnabled(): boolean {
    return this.CSV_INBOX_DIR.trim() !== '';
  }

  /**
   * Folder of the creditors' Ed25519 signing keys for the REST ingress and the CSV inbox:
   * `<creditorId>/<keyId>.pem` (PKCS#8), only read. Set, it switches the REST ingress on (unless
   * REST_INGRESS_ENABLED=false); the newest file of a creditor signs (key rotation).
   */
  @IsOptional()
  @IsString()
  CREDITOR_SIGNING_KEYS_DIR?: string;

  /** `false` keeps the REST ingress off although signing keys are configured (a CSV-only edge). */
  @IsIn(['true', 'false'], { message: 'REST_INGRESS_ENABLED must be true or false' })
  REST_INGRESS_ENABLED: 'true' | 'false' = 'true';

  /** Verification of the creditors' Bearer tokens, as the hub does it: a local public key (PEM) … */
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;

  /** … or the identity provider's JWKS (https in production). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /** The `iss` every token must carry; required in production. */
  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  /** Largest request body of the REST ingress; 16 MB holds a batch of 10,000 signals. */
  @Type(() => Number)
  @IsInt({ message: 'REST_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 268435456' })
  @Min(1024, { message: 'REST_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 268435456' })
  @Max(256 * 1024 * 1024, { message: 'REST_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 268435456' })
  REST_MAX_BODY_BYTES: number = 16 * 1024 * 1024;

  /**
   * JSON file mapping creditor ids to their feedback webhook: `{"<creditorId>": {"url": "https://…",
   * "secretFile": "…"}}`. Set, it switches webhook delivery on (it needs the REST ingress).
   */
  @IsOptional()
  @IsString()
  FEEDBACK_WEBHOOKS_FILE?: string;

  /** Attempts per feedback message before its delivery is parked. */
  @Type(() => Number)
  @IsInt({ message: WEBHOOK_ATTEMPTS_MESSAGE })
  @Min(1, { message: WEBHOOK_ATTEMPTS_MESSAGE })
  @Max(20, { message: WEBHOOK_ATTEMPTS_MESSAGE })
  FEEDBACK_WEBHOOK_MAX_ATTEMPTS: number = 8;

  /** The wait before the first retry; it doubles per attempt (capped at an hour). */
  @Type(() => Number)
  @IsInt({ message: WEBHOOK_RETRY_MESSAGE })
  @Min(10, { message: WEBHOOK_RETRY_MESSAGE })
  @Max(600_000, { message: WEBHOOK_RETRY_MESSAGE })
  FEEDBACK_WEBHOOK_RETRY_BASE_MS: number = 1000;

  /**
   * Where the webhook delivery state survives a restart (delivered feedback ids, parked deliveries):
   * an append-only journal per creditor. Required with FEEDBACK_WEBHOOKS_FILE.
   */
  @IsOptional()
  @IsString()
  FEEDBACK_STATE_DIR?: string;

  get feedbackWebhooksEnabled(): boolean {
    return this.FEEDBACK_WEBHOOKS_FILE !== undefined;
  }

  get restIngressEnabled(): boolean {
    return this.CREDITOR_SIGNING_KEYS_DIR !== undefined && this.REST_INGRESS_ENABLED === 'true';
  }

  get simulatorHttpEnabled(): boolean {
    return this.SIMULATOR_HTTP_ENABLED === 'true';
  }
  /** `retention.ms` of the signals topic when the simulator creates it before any hub did. */
  @Type(() => Number)
  @IsInt({ message: RETENTION_MESSAGE })
  @Min(HOUR_MS, { message: RETENTION_MESSAGE })
  @Max(365 * 24 * HOUR_MS, { message: RETENTION_MESSAGE })
  KAFKA_SIGNALS_RETENTION_MS: number = DEFAULT_TOPIC_RETENTION_MS[TOPIC_SIGNALS]!;

  /** TLS and SASL towards Kafka; not enumerable, so the credentials never travel with the config. */
  declare readonly kafkaSecurity: KafkaClientSecurity;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {}

// Only these keys are read, so the config object never carries unrelated (possibly secret) variables
// of the process environment into logs or error reports.
const KEYS = [
  'KAFKA_BROKERS',
  'CONNECTORS_PORT',
  'NODE_ENV',
  'KAFKA_TOPIC_PREFIX',
  'CREDITOR_KEYS_DIR',
  'SIMULATOR_HTTP_ENABLED',
  'KAFKA_SIGNALS_RETENTION_MS',
  'CSV_INBOX_DIR',
  'CSV_POLL_INTERVAL_MS',
  'CSV_CHUNK_ROWS',
  'CSV_MAX_FILE_BYTES',
  'CREDITOR_SIGNING_KEYS_DIR',
  'REST_INGRESS_ENABLED',
  'FEEDBACK_STATE_DIR',
  'AUTH_PUBLIC_KEY_FILE',
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'REST_MAX_BODY_BYTES',
  'FEEDBACK_WEBHOOKS_FILE',
  'FEEDBACK_WEBHOOK_MAX_ATTEMPTS',
  'FEEDBACK_WEBHOOK_RETRY_BASE_MS',
] as const;

export function loadConnectorsConfig(env: Record<string, string | undefined>): ConnectorsConfig {
  const defined = Object.fromEntries(KEYS.map((key) => [key, env[key]]).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(ConnectorsConfig, defined, { exposeDefaultValues: true });
  const problems = validateSync(config).map((e) =>
    // A missing variable trips every constraint on it; one line saying it is missing is clearer.
    e.value === undefined ? `${e.property} is required` : [...new Set(Object.values(e.constraints ?? {}))].join('; '),
  );
  if (config.NODE_ENV === 'production' && config.SIMULATOR_HTTP_ENABLED === 'true') {
    problems.push('SIMULATOR_HTTP_ENABLED=true is refused in production: it publishes synthetic signals');
  }
  problems.push(...restIngressProblems(config));
  const kafka = loadKafkaSecurity(
    Object.fromEntries(KAFKA_SECURITY_ENV_KEYS.map((key) => [key, env[key]])),
    config.NODE_ENV,
  );
  problems.push(...kafka.problems);
  Object.defineProperty(config, 'kafkaSecurity', { value: kafka.security, enumerable: false });
  if (problems.length > 0) {
    throw new ConfigError(`Invalid connectors configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

function restIngressProblems(config: ConnectorsConfig): string[] {
  const problems: string[] = [];
  if (config.csvInboxEnabled && config.CREDITOR_SIGNING_KEYS_DIR === undefined) {
    problems.push("the CSV inbox (CSV_INBOX_DIR) needs CREDITOR_SIGNING_KEYS_DIR, the creditors' signing keys");
  }
  if (config.feedbackWebhooksEnabled && !config.FEEDBACK_STATE_DIR) {
    problems.push('FEEDBACK_WEBHOOKS_FILE needs FEEDBACK_STATE_DIR, where deliveries survive a restart');
  }
  if (!config.restIngressEnabled) {
    // The parked deliveries are shown to creditors through the ingress's authentication.
    if (config.feedbackWebhooksEnabled) {
      problems.push('FEEDBACK_WEBHOOKS_FILE needs the REST ingress (CREDITOR_SIGNING_KEYS_DIR and its authentication)');
    }
    return problems;
  }
  if (!config.AUTH_PUBLIC_KEY_FILE === !config.AUTH_JWKS_URL) {
    problems.push(
      'the REST ingress (CREDITOR_SIGNING_KEYS_DIR) needs exactly one of AUTH_PUBLIC_KEY_FILE and AUTH_JWKS_URL',
    );
  }
  if (config.NODE_ENV === 'production') {
    if (!config.AUTH_ISSUER) problems.push('AUTH_ISSUER is required in production');
    if (config.AUTH_JWKS_URL && !config.AUTH_JWKS_URL.startsWith('https://')) {
      problems.push('AUTH_JWKS_URL must be https in production');
    }
  }
  return problems;
}
