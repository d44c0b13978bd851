import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadHubConfig } from './hub-config.js';

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
