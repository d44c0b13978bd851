import { describe, expect, it } from '@jest/globals';
import { loadKafkaSecurity } from './kafka-security.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const files: Record<string, string> = {
  '/etc/kafka/ca.pem': CERT,
  '/etc/kafka/client.pem': CERT,
  '/etc/kafka/client.key': KEY,
  '/run/secrets/kafka-password': 's3cret-from-file\n',
  '/etc/kafka/empty': '',
};
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};
const load = (env: Record<string, string>, nodeEnv = 'production') => loadKafkaSecurity(env, nodeEnv, readFile);

describe('loadKafkaSecurity', () => {
  it('is plaintext without authentication when nothing is set', () => {
    expect(load({})).toEqual({ security: {}, problems: [] });
  });

  it('reads TLS with a private CA and SCRAM-SHA-512 credentials from a file', () => {
    const { security, problems } = load({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'signaalhub-hub',
      KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-password',
    });
    expect(problems).toEqual([]);
    expect(security).toEqual({
      tls: { ca: CERT },
      sasl: { mechanism: 'scram-sha-512', username: 'signaalhub-hub', password: 's3cret-from-file' },
    });
  });

  it('takes a client certificate and key for mutual TLS, only as a pair', () => {
    expect(
      load({
        KAFKA_SSL: 'true',
        KAFKA_SSL_CERT_FILE: '/etc/kafka/client.pem',
        KAFKA_SSL_KEY_FILE: '/etc/kafka/client.key',
      }).security.tls,
    ).toEqual({ cert: CERT, key: KEY });
    expect(load({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/etc/kafka/client.pem' }).problems).toEqual([
      'KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (client certificate and its key)',
    ]);
  });

  it('refuses SASL without TLS in production, and allows it in development', () => {
    const env = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' };
    expect(load(env, 'production').problems).toEqual([
      'KAFKA_SASL_MECHANISM without KAFKA_SSL=true would send the credentials in clear; refused in production',
    ]);
    expect(load(env, 'development')).toEqual({
      security: { sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } },
      problems: [],
    });
  });

  it('lists every problem at once, naming variables and paths but never a password', () => {
    const { problems } = load({
      KAFKA_SSL: 'yes',
      KAFKA_SSL_CA_FILE: '/etc/kafka/missing.pem',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_PASSWORD: 'hunter2',
    });
    expect(problems).toEqual([
      'KAFKA_SSL must be true or false',
      'KAFKA_SSL_CA_FILE set but KAFKA_SSL is not true',
      'KAFKA_SASL_MECHANISM must be one of: scram-sha-512',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('refuses incomplete or contradictory SASL settings', () => {
    const tls = { KAFKA_SSL: 'true' };
    expect(load({ ...tls, KAFKA_SASL_MECHANISM: 'scram-sha-512' }).problems).toEqual([
      'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM',
      'set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SASL_MECHANISM',
    ]);
    expect(
      load({
        ...tls,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-password',
      }).problems,
    ).toEqual(['set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SASL_MECHANISM']);
    expect(load({ ...tls, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).problems).toEqual([
      'KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD set but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('refuses unreadable, empty or non-PEM files with the variable and path', () => {
    expect(
      load({
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: '/etc/kafka/client.key',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD_FILE: '/etc/kafka/empty',
      }).problems,
    ).toEqual([
      'KAFKA_SSL_CA_FILE: /etc/kafka/client.key does not contain a PEM certificate',
      'KAFKA_SASL_PASSWORD_FILE: /etc/kafka/empty is empty',
    ]);
    expect(load({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nope.pem' }).problems).toEqual([
      'KAFKA_SSL_CA_FILE: cannot read /nope.pem (ENOENT)',
    ]);
  });
});
