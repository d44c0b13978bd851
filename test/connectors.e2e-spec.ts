import { spawn } from 'node:child_process';
import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { decodeEnvelope, decodeSignal, TOPIC_SIGNALS, verifyEnvelope } from '@signaalhub/contracts';
import { createKafkaBus, type ConsumedMessage, type KafkaBus } from '@signaalhub/kafka';
import { freePort } from '@signaalhub/devstack';
import {
  ensureCreditorKeys,
  SYNTHETIC_CREDITORS,
  createConnectorsApp,
  loadConnectorsConfig,
} from '../apps/connectors/src/index.js';
import request from 'supertest';

function brokers(): string {
  const kafka = process.env.SIGNAALHUB_TEST_KAFKA;
  if (!kafka) throw new Error('integration tests run through the global setup (npm test)');
  return kafka;
}

/** Polls until `check` holds; for waiting on Kafka delivery, not for measuring time. */
async function eventually<T>(
  probe: () => T | Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe('connectors app: operations endpoints and the synthetic-signal simulator', () => {
  // A topic prefix of its own, so nothing another test file produces can land in this one's topic.
  const id = `t${randomBytes(4).toString('hex')}`;
  const prefix = `${id}.`;
  const topic = prefix + TOPIC_SIGNALS;
  // The simulator signs as the development creditors, with keys it keeps here.
  const creditorKeysDir = mkdtempSync(join(tmpdir(), 'signaalhub-connector-keys-'));
  const apps = new Set<INestApplication>();
  let bus: KafkaBus;
  let app: INestApplication;

  async function start(env: Record<string, string | undefined> = {}): Promise<INestApplication> {
    const started = await createConnectorsApp(
      loadConnectorsConfig({
        KAFKA_BROKERS: brokers(),
        KAFKA_TOPIC_PREFIX: prefix,
        NODE_ENV: 'test',
        CONNECTORS_PORT: '0',
        CREDITOR_KEYS_DIR: creditorKeysDir,
        ...env,
      }),
    );
    await started.listen(0, '127.0.0.1');
    apps.add(started);
    return started;
  }

  async function stop(stopped: INestApplication): Promise<void> {
    apps.delete(stopped);
    await stopped.close();
  }

  /** Everything on `topic` from the beginning, read by a group no one else uses. */
  async function readTopic(count: number, group: string): Promise<ConsumedMessage[]> {
    const received: ConsumedMessage[] = [];
    const consumer = bus.createConsumer({ groupId: `${id}-${group}`, topics: [topic], fromBeginning: true });
    await consumer.start(async (batch) => {
      received.push(...batch.messages);
    });
    try {
      await eventually(
        () => received.length,
        (n) => n >= count,
      );
      return received;
    } finally {
      await consumer.stop();
    }
  }

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: brokers().split(','), clientId: 'test-connectors' });
    app = await start({ SIMULATOR_HTTP_ENABLED: 'true' });
  });

  afterAll(async () => {
    for (const running of apps) await running.close().catch(() => undefined);
    await bus.close();
  });

  it('answers liveness, and readiness with Kafka up', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    await request(app.getHttpServer())
      .get('/health/ready')
      .expect(200, { status: 'ok', checks: { kafka: 'up' } });
  });

  it('reports readiness down (503) when Kafka cannot be reached, while liveness stays up', async () => {
    const orphan = await start({ KAFKA_BROKERS: `127.0.0.1:${await freePort()}` });
    await request(orphan.getHttpServer()).get('/health').expect(200);
    const res = await request(orphan.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'down', checks: { kafka: 'down' } });
    await stop(orphan);
  });

  it('serves Prometheus metrics with its counters and the prefixed default metrics', async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE signaalhub_connectors_signals_published_total counter');
    expect(res.text).toContain('# TYPE signaalhub_connectors_publish_failures_total counter');
    expect(res.text).toContain('# TYPE signaalhub_connectors_kafka_send_seconds histogram');
    expect(res.text).toMatch(/^signaalhub_connectors_process_cpu_user_seconds_total /m);
  });

  it('publishes simulated signals that arrive on the signals topic keyed and encoded per the contract', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 50, municipalities: ['GM0363', 'GM0599'] })
      .expect(202);
    expect(res.body.published).toBe(50);

    const messages = await readTopic(50, 'reader');
    expect(messages).toHaveLength(50);
    const refs = new Set<string>();
    // Each envelope verifies with its creditor's public key, and with no other creditor's.
    const signers = ensureCreditorKeys(
      creditorKeysDir,
      SYNTHETIC_CREDITORS.map((c) => c.id),
    );
    const publicKeyOf = (creditorId: string) => createPublicKey(signers.get(creditorId)!.privateKey);
    for (const message of messages) {
      const envelope = decodeEnvelope(message.value as Buffer);
      expect(signers.get(envelope.creditorId)?.keyId).toBe(envelope.keyId);
      expect(verifyEnvelope(publicKeyOf(envelope.creditorId), envelope)).toBe(true);
      const other = SYNTHETIC_CREDITORS.find((c) => c.id !== envelope.creditorId)!.id;
      expect(verifyEnvelope(publicKeyOf(other), envelope)).toBe(false);
      const signal = decodeSignal(envelope.payload);
      expect(message.key?.toString()).toBe(`${envelope.creditorId}:${signal.creditorSignalRef}`);
      expect(signal.postcode).toMatch(/^\d{4} ?[A-Za-z]{2}$/);
      refs.add(signal.creditorSignalRef);
    }
    expect(refs.size).toBe(50);

    // Counted per creditor, adding up to exactly what Kafka acknowledged.
    const metrics = (await request(app.getHttpServer()).get('/metrics')).text;
    const perCreditor = [
      ...metrics.matchAll(/^signaalhub_connectors_signals_published_total\{creditor="[^"]+"\} (\d+)$/gm),
    ];
    expect(perCreditor.length).toBeGreaterThan(1);
    expect(perCreditor.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(50);
  });

  it('refuses an invalid body with 400 and publishes nothing', async () => {
    const before = await bus.topicEndOffsets(topic);
    const invalid = await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 0, municipalities: ['XX'] })
      .expect(400);
    const problems = (invalid.body.message as string[]).join('\n');
    expect(problems).toMatch(/count/);
    expect(problems).toMatch(/municipalit/);

    await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 100_001, municipalities: ['GM0363'] })
      .expect(400);
    await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: '5', municipalities: ['GM0363'] })
      .expect(400);
    await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 5, municipalities: 'GM0363' })
      .expect(400);
    await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 5, municipalities: ['GM0363'], creditor: 'x' })
      .expect(400);
    // Well-formed, but not a municipality: still the client's mistake, not a server error.
    const unknown = await request(app.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 5, municipalities: ['GM9999'] })
      .expect(400);
    expect(unknown.body.message).toMatch(/GM9999/);

    expect(await bus.topicEndOffsets(topic)).toEqual(before);
  });

  it.each([
    ['NODE_ENV unset', { NODE_ENV: undefined }],
    ['development', { NODE_ENV: 'development' }],
    ['test', { NODE_ENV: 'test' }],
    ['production', { NODE_ENV: 'production' }],
    ['switched off explicitly', { NODE_ENV: 'development', SIMULATOR_HTTP_ENABLED: 'false' }],
  ])('has no simulator route without SIMULATOR_HTTP_ENABLED=true (%s)', async (_name, env) => {
    const plain = await start(env);
    await request(plain.getHttpServer())
      .post('/v1/simulator/signals')
      .send({ count: 5, municipalities: ['GM0363'] })
      .expect(404);
    await request(plain.getHttpServer()).get('/health').expect(200);
    await stop(plain);
  });

  it('publishes from the command line, with the same key and encoding', async () => {
    const cliPrefix = `${id}-cli.`;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            './tools/ts/register.mjs',
            'apps/connectors/src/simulator/cli.ts',
            '--count',
            '30',
            '--municipality',
            'GM0363',
            '--municipality',
            'GM0599',
            '--seed',
            '1',
          ],
          { env: { ...process.env, KAFKA_BROKERS: brokers(), KAFKA_TOPIC_PREFIX: cliPrefix }, stdio: 'pipe' },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
      },
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(stdout).toContain(`Published 30 synthetic signals to ${cliPrefix}${TOPIC_SIGNALS} (seed 1)`);
    const ends = await bus.topicEndOffsets(cliPrefix + TOPIC_SIGNALS);
    expect([...ends.values()].reduce((sum, n) => sum + n, 0n)).toBe(30n);
  });
});
