import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadHubConfig } from './hub-config.js';
import { HubTopics } from './hub-topics.js';

const DAY = 24 * 60 * 60 * 1000;
const base = {
  DATABASE_URL: 'postgres://db/hub',
  KAFKA_BROKERS: 'kafka:9092',
  AUTH_PUBLIC_KEY_FILE: '/keys/pub.pem',
  DLQ_ENCRYPTION_KEY_FILE: '/keys/dlq.key',
};

describe('loadHubConfig: Kafka', () => {
  it('creates every topic with an explicit retention: 14 days unless configured', () => {
    const specs = new HubTopics('p.').specs(loadHubConfig(base));
    expect(Object.values(specs).map((s) => [s.topic, s.retentionMs])).toEqual([
      ['p.vroegsignalering.signals.v1', 14 * DAY],
      ['p.vroegsignalering.signals.dlq.v1', 14 * DAY],
      ['p.vroegsignalering.feedback.v1', 14 * DAY],
    ]);
    const configured = loadHubConfig({
      ...base,
      KAFKA_SIGNALS_RETENTION_MS: String(3 * DAY),
      KAFKA_DLQ_RETENTION_MS: String(30 * DAY),
      KAFKA_FEEDBACK_RETENTION_MS: String(7 * DAY),
    });
    expect(Object.values(new HubTopics('').specs(configured)).map((s) => s.retentionMs)).toEqual([
      3 * DAY,
      30 * DAY,
      7 * DAY,
    ]);
  });

  it('refuses a retention that is not whole milliseconds between an hour and a year', () => {
    for (const value of ['-1', '0', '1000', 'forever', String(400 * DAY)]) {
      expect(() => loadHubConfig({ ...base, KAFKA_DLQ_RETENTION_MS: value })).toThrow(
        /KAFKA_DLQ_RETENTION_MS must be whole milliseconds/,
      );
    }
  });

  it('waits 30 s for a silent group member unless configured, between the broker minimum of 6 s and 5 min', () => {
    expect(loadHubConfig(base).KAFKA_SESSION_TIMEOUT_SECONDS).toBe(30);
    expect(loadHubConfig({ ...base, KAFKA_SESSION_TIMEOUT_SECONDS: '6' }).KAFKA_SESSION_TIMEOUT_SECONDS).toBe(6);
    for (const value of ['5', '301', 'soon']) {
      expect(() => loadHubConfig({ ...base, KAFKA_SESSION_TIMEOUT_SECONDS: value })).toThrow(ConfigError);
    }
  });

  it('lists Kafka security problems with the others, and never the password', () => {
    let error: unknown;
    try {
      loadHubConfig({
        ...base,
        NODE_ENV: 'production',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'hub',
        KAFKA_SASL_PASSWORD: 'pw-hub-1',
        KAFKA_SSL_CA_FILE: '/does/not/matter.pem',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('KAFKA_SSL_CA_FILE set but KAFKA_SSL is not true');
    expect(message).toContain('refused in production');
    expect(message).not.toContain('pw-hub-1');
  });

  it('keeps the Kafka credentials out of the enumerable config', () => {
    const config = loadHubConfig({
      ...base,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hub',
      KAFKA_SASL_PASSWORD: 'pw-hub-1',
    });
    expect(config.kafkaSecurity.sasl?.password).toBe('pw-hub-1');
    expect(JSON.stringify(config)).not.toContain('pw-hub-1');
    expect(Object.keys(config)).not.toContain('KAFKA_SASL_PASSWORD');
  });
});

const BASE = { DATABASE_URL: 'postgres://h/db', KAFKA_BROKERS: 'k:9092', DLQ_ENCRYPTION_KEY_FILE: '/run/secrets/dlq' };
const PRODUCTION = { ...BASE, NODE_ENV: 'production', AUTH_ISSUER: 'https://idp.example.nl' };

function problems(env: Record<string, string>): string {
  try {
    loadHubConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return '';
}

describe('loadHubConfig: token verification settings', () => {
  it('refuses a plain-http key set in production', () => {
    expect(problems({ ...PRODUCTION, AUTH_JWKS_URL: 'http://idp.example.nl/jwks' })).toContain(
      'AUTH_JWKS_URL must be an https URL in production',
    );
    expect(problems({ ...PRODUCTION, AUTH_JWKS_URL: 'HTTP://idp.example.nl/jwks' })).toContain('https URL');
  });

  it('accepts an https key set in production, and http outside it (a local test provider)', () => {
    expect(loadHubConfig({ ...PRODUCTION, AUTH_JWKS_URL: 'https://idp.example.nl/jwks' }).AUTH_JWKS_URL).toBe(
      'https://idp.example.nl/jwks',
    );
    for (const NODE_ENV of ['development', 'test'])
      expect(loadHubConfig({ ...BASE, NODE_ENV, AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).NODE_ENV).toBe(NODE_ENV);
  });

  it('refuses a key set URL that is not http(s)', () => {
    expect(problems({ ...BASE, AUTH_JWKS_URL: 'file:///etc/jwks.json' })).toContain('AUTH_JWKS_URL');
    expect(problems({ ...BASE, AUTH_JWKS_URL: 'idp.example.nl/jwks' })).toContain('AUTH_JWKS_URL');
  });

  it('requires AUTH_ISSUER in production, whichever key source', () => {
    const { AUTH_ISSUER: _issuer, ...withoutIssuer } = PRODUCTION;
    expect(problems({ ...withoutIssuer, AUTH_JWKS_URL: 'https://idp.example.nl/jwks' })).toContain(
      'AUTH_ISSUER is required in production',
    );
    expect(problems({ ...withoutIssuer, AUTH_PUBLIC_KEY_FILE: '/run/secrets/key.pem' })).toContain('AUTH_ISSUER');
    expect(loadHubConfig({ ...PRODUCTION, AUTH_PUBLIC_KEY_FILE: '/k.pem' }).AUTH_ISSUER).toBe('https://idp.example.nl');
  });

  it('leaves AUTH_ISSUER optional outside production', () => {
    expect(loadHubConfig({ ...BASE, AUTH_PUBLIC_KEY_FILE: '/k.pem' }).AUTH_ISSUER).toBeUndefined();
  });

  it('lists the production problems together with the others', () => {
    const message = problems({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp.example.nl/jwks' });
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'AUTH_JWKS_URL must be an https', 'AUTH_ISSUER'])
      expect(message).toContain(name);
  });
});

describe('loadHubConfig: dead-letter sealing', () => {
  it('requires the dead-letter key file: refused messages may hold personal data', () => {
    const { DLQ_ENCRYPTION_KEY_FILE: _file, ...withoutKey } = BASE;
    expect(problems({ ...withoutKey, AUTH_PUBLIC_KEY_FILE: '/k.pem' })).toContain('DLQ_ENCRYPTION_KEY_FILE');
  });
});
