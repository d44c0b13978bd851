import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConnectorsConfig } from './connectors-config.js';

describe('loadConnectorsConfig', () => {
  it('applies the defaults around the one required variable', () => {
    const config = loadConnectorsConfig({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' });
    expect(config.CONNECTORS_PORT).toBe(3100);
    expect(config.NODE_ENV).toBe('development');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
    expect(config.simulatorHttpEnabled).toBe(false);
    expect(config.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
  });

  it('reads the port as a number and ignores unrelated variables', () => {
    const config = loadConnectorsConfig({ KAFKA_BROKERS: 'localhost:9092', CONNECTORS_PORT: '0', SECRET_TOKEN: 'x' });
    expect(config.CONNECTORS_PORT).toBe(0);
    expect(Object.keys(config)).not.toContain('SECRET_TOKEN');
  });

  it('lists every problem at once, one line each', () => {
    let error: unknown;
    try {
      loadConnectorsConfig({ CONNECTORS_PORT: 'abc', NODE_ENV: 'staging', KAFKA_BROKERS: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid connectors configuration:');
    expect(lines).toContain('  - KAFKA_BROKERS is required');
    expect(lines.some((l) => l.includes('CONNECTORS_PORT'))).toBe(true);
    expect(lines.some((l) => l.includes('NODE_ENV'))).toBe(true);
    expect(lines).toHaveLength(4);
  });

  it('refuses a broker list that is not host:port', () => {
    expect(() => loadConnectorsConfig({ KAFKA_BROKERS: 'localhost' })).toThrow(/host:port/);
    expect(() => loadConnectorsConfig({ KAFKA_BROKERS: 'a:1,,b:2' })).toThrow(/host:port/);
  });

  it('serves the simulator over HTTP only when switched on explicitly', () => {
    const base = { KAFKA_BROKERS: 'localhost:9092' };
    expect(loadConnectorsConfig({ ...base, NODE_ENV: 'development' }).simulatorHttpEnabled).toBe(false);
    expect(loadConnectorsConfig({ ...base, NODE_ENV: 'test' }).simulatorHttpEnabled).toBe(false);
    expect(loadConnectorsConfig({ ...base, SIMULATOR_HTTP_ENABLED: 'true' }).simulatorHttpEnabled).toBe(true);
    expect(() => loadConnectorsConfig({ ...base, SIMULATOR_HTTP_ENABLED: 'yes' })).toThrow(/SIMULATOR_HTTP_ENABLED/);
  });

  it('refuses the simulator in production', () => {
    expect(() =>
      loadConnectorsConfig({ KAFKA_BROKERS: 'localhost:9092', NODE_ENV: 'production', SIMULATOR_HTTP_ENABLED: 'true' }),
    ).toThrow(/SIMULATOR_HTTP_ENABLED=true is refused in production/);
  });

  it('reads Kafka TLS and SASL, keeping the credentials out of the enumerable config', () => {
    const config = loadConnectorsConfig({
      KAFKA_BROKERS: 'kafka:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'connectors',
      KAFKA_SASL_PASSWORD: 'pw-123',
    });
    expect(config.kafkaSecurity).toEqual({
      tls: {},
      sasl: { mechanism: 'scram-sha-512', username: 'connectors', password: 'pw-123' },
    });
    expect(JSON.stringify(config)).not.toContain('pw-123');
  });

  it('refuses SASL over plaintext in production, among the other problems', () => {
    expect(() =>
      loadConnectorsConfig({
        KAFKA_BROKERS: 'kafka:9092',
        NODE_ENV: 'production',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'connectors',
        KAFKA_SASL_PASSWORD: 'pw-123',
        KAFKA_SIGNALS_RETENTION_MS: '1000',
      }),
    ).toThrow(/KAFKA_SIGNALS_RETENTION_MS must be whole milliseconds[\s\S]*refused in production/);
  });

  it('states the signals retention explicitly, 14 days unless configured', () => {
    expect(loadConnectorsConfig({ KAFKA_BROKERS: 'k:1' }).KAFKA_SIGNALS_RETENTION_MS).toBe(14 * 24 * 3600 * 1000);
    expect(
      loadConnectorsConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SIGNALS_RETENTION_MS: '86400000' }).KAFKA_SIGNALS_RETENTION_MS,
    ).toBe(86_400_000);
  });

  it('keeps the CSV inbox off unless a folder is configured, and bounds its numbers', () => {
    const base = {
      KAFKA_BROKERS: 'k:1',
      CREDITOR_SIGNING_KEYS_DIR: '/run/secrets/creditors',
      REST_INGRESS_ENABLED: 'false',
    };
    expect(loadConnectorsConfig(base).csvInboxEnabled).toBe(false);
    const config = loadConnectorsConfig({ ...base, CSV_INBOX_DIR: '/srv/inbox', CSV_CHUNK_ROWS: '50' });
    expect(config.csvInboxEnabled).toBe(true);
    expect(config.CSV_CHUNK_ROWS).toBe(50);
    expect(config.CSV_POLL_INTERVAL_MS).toBe(5000);
    expect(() => loadConnectorsConfig({ ...base, CSV_CHUNK_ROWS: '0' })).toThrow(/CSV_CHUNK_ROWS/);
    expect(() => loadConnectorsConfig({ ...base, CSV_POLL_INTERVAL_MS: '10' })).toThrow(/CSV_POLL_INTERVAL_MS/);
    expect(() => loadConnectorsConfig({ ...base, CSV_MAX_FILE_BYTES: 'lots' })).toThrow(/CSV_MAX_FILE_BYTES/);
  });

  it('switches the REST ingress on with a signing-key folder, and then requires one way to verify tokens', () => {
    const base = { KAFKA_BROKERS: 'localhost:9092' };
    expect(loadConnectorsConfig(base).restIngressEnabled).toBe(false);
    expect(loadConnectorsConfig(base).REST_MAX_BODY_BYTES).toBe(16 * 1024 * 1024);
    const withKeys = { ...base, CREDITOR_SIGNING_KEYS_DIR: '/run/secrets/creditors' };
    expect(() => loadConnectorsConfig(withKeys)).toThrow(/exactly one of AUTH_PUBLIC_KEY_FILE and AUTH_JWKS_URL/);
    expect(() =>
      loadConnectorsConfig({ ...withKeys, AUTH_PUBLIC_KEY_FILE: 'k.pem', AUTH_JWKS_URL: 'https://idp/jwks' }),
    ).toThrow(/exactly one/);
    expect(loadConnectorsConfig({ ...withKeys, AUTH_PUBLIC_KEY_FILE: 'k.pem' }).restIngressEnabled).toBe(true);
    // A CSV-only edge: the keys without the ingress, hence without token verification.
    const csvOnly = loadConnectorsConfig({ ...withKeys, REST_INGRESS_ENABLED: 'false', CSV_INBOX_DIR: '/srv/inbox' });
    expect([csvOnly.restIngressEnabled, csvOnly.csvInboxEnabled]).toEqual([false, true]);
  });

  it('signs the CSV inbox with the read-only signing-key folder, which it therefore requires', () => {
    expect(() => loadConnectorsConfig({ KAFKA_BROKERS: 'localhost:9092', CSV_INBOX_DIR: '/srv/inbox' })).toThrow(
      /CSV inbox \(CSV_INBOX_DIR\) needs CREDITOR_SIGNING_KEYS_DIR/,
    );
  });

  it('requires an issuer and an https JWKS for the REST ingress in production', () => {
    const production = {
      KAFKA_BROKERS: 'localhost:9092',
      NODE_ENV: 'production',
      CREDITOR_SIGNING_KEYS_DIR: '/run/secrets/creditors',
      AUTH_JWKS_URL: 'http://idp/jwks',
    };
    expect(() => loadConnectorsConfig(production)).toThrow(/AUTH_ISSUER is required in production/);
    expect(() => loadConnectorsConfig(production)).toThrow(/AUTH_JWKS_URL must be https in production/);
    expect(() => loadConnectorsConfig({ ...production, REST_MAX_BODY_BYTES: '10' })).toThrow(/REST_MAX_BODY_BYTES/);
  });

  it('switches feedback webhooks on with a webhooks file, only together with the REST ingress, and bounds retries', () => {
    const base = { KAFKA_BROKERS: 'localhost:9092' };
    expect(loadConnectorsConfig(base).feedbackWebhooksEnabled).toBe(false);
    const hooks = { ...base, FEEDBACK_WEBHOOKS_FILE: '/etc/signaalhub/webhooks.json' };
    expect(() => loadConnectorsConfig(hooks)).toThrow(/FEEDBACK_WEBHOOKS_FILE needs the REST ingress/);
    const withIngress = {
      ...hooks,
      CREDITOR_SIGNING_KEYS_DIR: '/run/secrets/creditors',
      AUTH_PUBLIC_KEY_FILE: 'k.pem',
    };
    expect(() => loadConnectorsConfig(withIngress)).toThrow(/FEEDBACK_WEBHOOKS_FILE needs FEEDBACK_STATE_DIR/);
    const complete = { ...withIngress, FEEDBACK_STATE_DIR: '/var/lib/signaalhub-connectors' };
    const config = loadConnectorsConfig(complete);
    expect(config.feedbackWebhooksEnabled).toBe(true);
    expect([config.FEEDBACK_WEBHOOK_MAX_ATTEMPTS, config.FEEDBACK_WEBHOOK_RETRY_BASE_MS]).toEqual([8, 1000]);
    expect(() => loadConnectorsConfig({ ...complete, FEEDBACK_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(
      /FEEDBACK_WEBHOOK_MAX_ATTEMPTS/,
    );
    expect(() => loadConnectorsConfig({ ...complete, FEEDBACK_WEBHOOK_RETRY_BASE_MS: '1' })).toThrow(
      /FEEDBACK_WEBHOOK_RETRY_BASE_MS/,
    );
  });
});
