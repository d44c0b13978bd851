import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import request from 'supertest';
import { HubWorld } from './support/hub-harness.js';
import { ConfigError, loadHubConfig } from '../apps/hub/src/index.js';

describe('hub operations: health, readiness, metrics, configuration', () => {
  const world = new HubWorld('operations', { seedCreditors: true });
  let hub: INestApplication;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
  });

  afterAll(() => world.close());

  it('answers liveness and readiness with PostgreSQL and Kafka up', async () => {
    await request(hub.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    const ready = await request(hub.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', kafka: 'up', ingest: 'up' } });
  });

  it('reports readiness down when Kafka cannot be reached', async () => {
    const orphan = await world.startHub({ KAFKA_BROKERS: '127.0.0.1:1', INGEST_ENABLED: 'false' });
    const res = await request(orphan.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.checks).toEqual({ database: 'up', kafka: 'down', ingest: 'off' });
    await world.stopHub(orphan);
  });

  it('counts consumed, stored and rejected signals, by reason, in Prometheus format', async () => {
    const producer = await world.bus.createProducer();
    const signals = generateSignals(loadReferenceData(), { count: 20, municipalities: ['GM0344'], seed: 4 });
    await producer.send(world.topics.signals, [
      ...world.records(signals),
      { key: 'x', value: Buffer.from('not protobuf at all') },
    ]);
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 20,
    );
    const body = await world.eventually(
      async () => (await request(hub.getHttpServer()).get('/metrics')).text,
      (text) => /signaalhub_signals_rejected_total\{reason="MALFORMED"\} 1/.test(text),
    );
    expect(body).toMatch(/signaalhub_signals_consumed_total 21/);
    expect(body).toMatch(/signaalhub_signals_stored_total\{routing="routed"\} 20/);
    expect(body).toMatch(/signaalhub_signals_rejected_total\{reason="MALFORMED"\} 1/);
    expect(body).toMatch(/signaalhub_signal_processing_seconds_bucket/);
    expect(body).toMatch(/signaalhub_consumer_lag \d+/);
  });

  it('refuses to start on invalid configuration, naming every problem', () => {
    let error: unknown;
    try {
      loadHubConfig({ PORT: 'eighty', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'NODE_ENV', 'AUTH_JWKS_URL'])
      expect(message).toContain(name);
  });
});
