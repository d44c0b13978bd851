import { readFileSync } from 'node:fs';
import type { KafkaSasl, KafkaTls } from '@signaalhub/kafka';

/** How the apps reach Kafka securely, read from the environment by both apps alike. */
export interface KafkaClientSecurity {
  tls?: KafkaTls;
  sasl?: KafkaSasl;
}

export const KAFKA_SECURITY_ENV_KEYS = [
  'KAFKA_SSL',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
] as const;

const SASL_MECHANISMS = ['scram-sha-512'] as const;

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

/**
 * Reads and checks the Kafka TLS and SASL settings. Every problem is returned (never thrown one at
 * a time) so start-up can list them all; messages name variables and paths, never a secret.
 * Files are read here, at start-up, so a missing certificate stops the process before it serves.
 */
export function loadKafkaSecurity(
  env: Env,
  nodeEnv: string,
  readFile: ReadFile = (path) => readFileSync(path, 'utf8'),
): { security: KafkaClientSecurity; problems: string[] } {
  const value = (key: (typeof KAFKA_SECURITY_ENV_KEYS)[number]) => {
    const v = env[key];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const problems: string[] = [];
  const security: KafkaClientSecurity = {};
  const file = (key: (typeof KAFKA_SECURITY_ENV_KEYS)[number], marker: RegExp, what: string): string | undefined => {
    const path = value(key);
    if (path === undefined) return undefined;
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      problems.push(`${key}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
    if (!marker.test(text)) {
      problems.push(`${key}: ${path} does not contain a PEM ${what}`);
      return undefined;
    }
    return text;
  };

  const ssl = value('KAFKA_SSL') ?? 'false';
  if (ssl !== 'true' && ssl !== 'false') problems.push('KAFKA_SSL must be true or false');
  const tlsFiles = (['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const).filter(
    (k) => value(k) !== undefined,
  );
  if (ssl === 'true') {
    const ca = file('KAFKA_SSL_CA_FILE', /-----BEGIN CERTIFICATE-----/, 'certificate');
    const cert = file('KAFKA_SSL_CERT_FILE', /-----BEGIN CERTIFICATE-----/, 'certificate');
    const key = file('KAFKA_SSL_KEY_FILE', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key');
    if ((value('KAFKA_SSL_CERT_FILE') === undefined) !== (value('KAFKA_SSL_KEY_FILE') === undefined)) {
      problems.push('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (client certificate and its key)');
    }
    security.tls = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  } else if (tlsFiles.length > 0) {
    // Certificates given with TLS off would be silently ignored: the operator meant TLS.
    problems.push(`${tlsFiles.join(', ')} set but KAFKA_SSL is not true`);
  }

  const mechanism = value('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = value('KAFKA_SASL_USERNAME');
  const inlinePassword = value('KAFKA_SASL_PASSWORD');
  const passwordFile = value('KAFKA_SASL_PASSWORD_FILE');
  if (mechanism === undefined) {
    const stray = (['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const).filter(
      (k) => value(k) !== undefined,
    );
    if (stray.length > 0) problems.push(`${stray.join(', ')} set but KAFKA_SASL_MECHANISM is not`);
  } else if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM must be one of: ${SASL_MECHANISMS.join(', ')}`);
  } else {
    if (username === undefined) problems.push('KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM');
    if ((inlinePassword === undefined) === (passwordFile === undefined)) {
      problems.push('set exactly one of KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE with KAFKA_SASL_MECHANISM');
    }
    let password = inlinePassword;
    if (passwordFile !== undefined) {
      try {
        // A trailing newline is what editors and `echo` leave; it is never part of the password.
        password = readFile(passwordFile).replace(/\r?\n$/, '');
      } catch (error) {
        problems.push(
          `KAFKA_SASL_PASSWORD_FILE: cannot read ${passwordFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      if (password === '') problems.push(`KAFKA_SASL_PASSWORD_FILE: ${passwordFile} is empty`);
    }
    if (ssl !== 'true' && nodeEnv === 'production') {
      problems.push(
        'KAFKA_SASL_MECHANISM without KAFKA_SSL=true would send the credentials in clear; refused in production',
      );
    }
    if (username !== undefined && password) security.sasl = { mechanism: 'scram-sha-512', username, password };
  }
  return { security, problems };
}
