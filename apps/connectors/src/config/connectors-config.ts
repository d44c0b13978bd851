// class-transformer's @Type reads Reflect.getMetadata when the class is defined, before any caller
// (the CLI, tests, tools/start.ts) would have loaded the polyfill.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** One or more `host:port` pairs, comma-separated (spaces around the commas allowed). */
const BROKER_LIST = /^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/;

const PORT_MESSAGE = 'CONNECTORS_PORT must be a whole number from 0 to 65535';

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

  get simulatorHttpEnabled(): boolean {
    return this.SIMULATOR_HTTP_ENABLED === 'true';
  }

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
  if (problems.length > 0) {
    throw new ConfigError(`Invalid connectors configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
