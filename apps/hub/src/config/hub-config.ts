// class-transformer's @Type reads Reflect.getMetadata when the class is defined, before any caller
// (main.ts, tests, tools) would have loaded the polyfill.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';
import { DEFAULT_TOPIC_RETENTION_MS, TOPIC_FEEDBACK, TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ } from '@signaalhub/contracts';
import { KAFKA_SECURITY_ENV_KEYS, loadKafkaSecurity, type KafkaClientSecurity } from '@signaalhub/platform';

const HOUR_MS = 60 * 60 * 1000;
// A retention under an hour would delete signals before a briefly stopped hub could read them; over
// a year keeps personal data on Kafka far beyond any replay need.
const RETENTION_MIN = HOUR_MS;
const RETENTION_MAX = 365 * 24 * HOUR_MS;
const RETENTION_MESSAGE = `must be whole milliseconds from ${RETENTION_MIN} (1 hour) to ${RETENTION_MAX} (365 days)`;

/** The hub's environment, validated once at start-up (ARCHITECTURE.md "Configuration"). */
export class HubConfig {
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  /** Comma-separated bootstrap servers. */
  @IsString()
  @MinLength(1)
  KAFKA_BROKERS!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /**
   * Owner role for the migrations, when the deployment keeps it apart from the application's login
   * (recommended; README "Database roles"). Without it, migrations run over DATABASE_URL.
   */
  @IsOptional()
  @IsString()
  DATABASE_MIGRATION_URL?: string;

  /** The OIDC provider's key set; plain http only outside production (a local test server). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  AUTH_JWKS_URL?: string;

  /** The `iss` every token must carry; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Consumer group of the ingest; every hub instance of one deployment shares it. */
  @IsString()
  KAFKA_CONSUMER_GROUP: string = 'signaalhub-hub';

  /** Prefixed to every topic name; lets tests and shared clusters keep their topics apart. */
  @IsString()
  KAFKA_TOPIC_PREFIX: string = '';

  /** Set to `false` to serve the API without consuming (a read-only replica of the API). */
  @IsIn(['true', 'false'])
  INGEST_ENABLED: 'true' | 'false' = 'true';

  /** Set to `false` to stop publishing feedback from this instance (another instance relays). */
  @IsIn(['true', 'false'])
  OUTBOX_RELAY_ENABLED: 'true' | 'false' = 'true';

  /**
   * A file holding the key that seals refused messages on the dead-letter topic (32 random bytes,
   * base64: `openssl rand -base64 32`). Required: refused messages may carry personal data.
   */
  @IsString()
  @MinLength(1)
  DLQ_ENCRYPTION_KEY_FILE!: string;

  /**
   * Readiness turns down when this many batches in a row failed to store (the consumer is
   * crash-looping), or when there is lag and no batch was stored for INGEST_STALL_SECONDS.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INGEST_MAX_CONSECUTIVE_FAILURES: number = 3;

  @Type(() => Number)
  @IsInt()
  @Min(5)
  INGEST_STALL_SECONDS: number = 120;

  /**
   * How long the consumer group waits for an instance that went silent (killed, frozen) before its
   * partitions go to the others, and so how long a restarted instance waits to rejoin.
   */
  @Type(() => Number)
  @IsInt()
  @Min(6)
  @Max(300)
  KAFKA_SESSION_TIMEOUT_SECONDS: number = 30;

  /**
   * Days an unrouted signal is held for the operator to route; then it is deleted and its creditor
   * told NOT_ROUTABLE. It holds personal data with no municipality to answer for it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  UNROUTED_RETENTION_DAYS: number = 30;
  /** Most fields one GraphQL request may resolve (lists count their `first` times, see query-cost.ts). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST: number = 20_000;

  /** Size assumed for a list field that has no `first` argument (a case's signals, a creditor's keys). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  GRAPHQL_DEFAULT_LIST_SIZE: number = 10;

  /** Root fields per request; aliases count separately. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ROOT_FIELDS: number = 10;

  /** Aliased fields per document. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GRAPHQL_MAX_ALIASES: number = 20;

  /** Size of the query text in bytes (the JSON body as a whole is capped by the HTTP layer). */
  @Type(() => Number)
  @IsInt()
  @Min(256)
  GRAPHQL_MAX_QUERY_BYTES: number = 16_384;

  /** Tokens the parser reads before it gives up (graphql-js `maxTokens`). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_TOKENS: number = 5_000;

  /** GraphQL requests per token subject (`sub`) per window, per hub instance. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  GRAPHQL_RATE_LIMIT_REQUESTS: number = 300;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: number = 60;
  /** `retention.ms` of the signals topic when the hub creates it. */
  @Type(() => Number)
  @IsInt({ message: `KAFKA_SIGNALS_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Min(RETENTION_MIN, { message: `KAFKA_SIGNALS_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Max(RETENTION_MAX, { message: `KAFKA_SIGNALS_RETENTION_MS ${RETENTION_MESSAGE}` })
  KAFKA_SIGNALS_RETENTION_MS: number = DEFAULT_TOPIC_RETENTION_MS[TOPIC_SIGNALS]!;

  /** `retention.ms` of the dead-letter topic when the hub creates it. */
  @Type(() => Number)
  @IsInt({ message: `KAFKA_DLQ_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Min(RETENTION_MIN, { message: `KAFKA_DLQ_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Max(RETENTION_MAX, { message: `KAFKA_DLQ_RETENTION_MS ${RETENTION_MESSAGE}` })
  KAFKA_DLQ_RETENTION_MS: number = DEFAULT_TOPIC_RETENTION_MS[TOPIC_SIGNALS_DLQ]!;

  /** `retention.ms` of the feedback topic when the hub creates it. */
  @Type(() => Number)
  @IsInt({ message: `KAFKA_FEEDBACK_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Min(RETENTION_MIN, { message: `KAFKA_FEEDBACK_RETENTION_MS ${RETENTION_MESSAGE}` })
  @Max(RETENTION_MAX, { message: `KAFKA_FEEDBACK_RETENTION_MS ${RETENTION_MESSAGE}` })
  KAFKA_FEEDBACK_RETENTION_MS: number = DEFAULT_TOPIC_RETENTION_MS[TOPIC_FEEDBACK]!;

  /**
   * The built console (apps/console/dist): served at `/` beside the API when set. Unset, the hub
   * serves the API only (the console may then be hosted elsewhere on the same origin).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CONSOLE_DIR?: string;

  /**
   * The console's client id at the OIDC provider (AUTH_ISSUER): the console signs in with the
   * authorization code flow and PKCE. Unset, and without the development sign-in, it cannot sign in.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CONSOLE_OIDC_CLIENT_ID?: string;

  /** Scopes the console asks the OIDC provider for. */
  @IsString()
  CONSOLE_OIDC_SCOPE: string = 'openid profile';

  /** TLS and SASL towards Kafka; not enumerable, so the credentials never travel with the config. */
  declare readonly kafkaSecurity: KafkaClientSecurity;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {}

const HUB_ENV_KEYS = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'PORT',
  'DATABASE_MIGRATION_URL',
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'AUTH_PUBLIC_KEY_FILE',
  'NODE_ENV',
  'KAFKA_CONSUMER_GROUP',
  'KAFKA_TOPIC_PREFIX',
  'INGEST_ENABLED',
  'OUTBOX_RELAY_ENABLED',
  'DLQ_ENCRYPTION_KEY_FILE',
  'INGEST_MAX_CONSECUTIVE_FAILURES',
  'INGEST_STALL_SECONDS',
  'KAFKA_SESSION_TIMEOUT_SECONDS',
  'UNROUTED_RETENTION_DAYS',
  'GRAPHQL_MAX_COST',
  'GRAPHQL_DEFAULT_LIST_SIZE',
  'GRAPHQL_MAX_ROOT_FIELDS',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_QUERY_BYTES',
  'GRAPHQL_MAX_TOKENS',
  'GRAPHQL_RATE_LIMIT_REQUESTS',
  'GRAPHQL_RATE_LIMIT_WINDOW_SECONDS',
  'KAFKA_SIGNALS_RETENTION_MS',
  'KAFKA_DLQ_RETENTION_MS',
  'KAFKA_FEEDBACK_RETENTION_MS',
  'CONSOLE_DIR',
  'CONSOLE_OIDC_CLIENT_ID',
  'CONSOLE_OIDC_SCOPE',
] as const;

export function loadHubConfig(env: Record<string, string | undefined>): HubConfig {
  // Only the hub's own variables: the rest of the environment never enters the config object.
  const defined = Object.fromEntries(
    HUB_ENV_KEYS.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const config = plainToInstance(HubConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  const kafka = loadKafkaSecurity(pick(env, KAFKA_SECURITY_ENV_KEYS), config.NODE_ENV);
  problems.push(...kafka.problems);
  Object.defineProperty(config, 'kafkaSecurity', { value: kafka.security, enumerable: false });
  if (!config.AUTH_JWKS_URL && !config.AUTH_PUBLIC_KEY_FILE) {
    problems.push('set AUTH_JWKS_URL (OIDC provider) or AUTH_PUBLIC_KEY_FILE (a PEM public key)');
  }
  if (config.NODE_ENV === 'production') {
    // Keys fetched over plain http can be swapped on the way, and then any token passes.
    if (config.AUTH_JWKS_URL && !config.AUTH_JWKS_URL.toLowerCase().startsWith('https://')) {
      problems.push('AUTH_JWKS_URL must be an https URL in production');
    }
    if (!config.AUTH_ISSUER) {
      problems.push("AUTH_ISSUER is required in production (the iss of the OIDC provider's tokens)");
    }
  }
  if (config.CONSOLE_OIDC_CLIENT_ID && !config.AUTH_ISSUER) {
    problems.push('CONSOLE_OIDC_CLIENT_ID needs AUTH_ISSUER (the OIDC provider the console signs in with)');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid hub configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

function pick(env: Record<string, string | undefined>, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, env[key]]));
}
