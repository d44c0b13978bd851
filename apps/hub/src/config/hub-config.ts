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

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  AUTH_JWKS_URL?: string;

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
  'AUTH_JWKS_URL',
  'AUTH_PUBLIC_KEY_FILE',
  'NODE_ENV',
  'KAFKA_CONSUMER_GROUP',
  'KAFKA_TOPIC_PREFIX',
  'INGEST_ENABLED',
  'OUTBOX_RELAY_ENABLED',
  'KAFKA_SIGNALS_RETENTION_MS',
  'KAFKA_DLQ_RETENTION_MS',
  'KAFKA_FEEDBACK_RETENTION_MS',
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
  if (problems.length > 0) {
    throw new ConfigError(`Invalid hub configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

function pick(env: Record<string, string | undefined>, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, env[key]]));
}
