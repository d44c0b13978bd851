import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadHubConfig } from './hub-config.js';
import { HubTopics } from './hub-topics.js';

const DAY = 24 * 60 * 60 * 1000;
const base = { DATABASE_URL: 'postgres://db/hub', KAFKA_BROKERS: 'kafka:9092', AUTH_PUBLIC_KEY_FILE: '/keys/pub.pem' };

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
