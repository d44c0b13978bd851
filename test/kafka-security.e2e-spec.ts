// The one test that runs a secured broker: the shared test broker stays plaintext, so only this
// file pays for certificates and a second broker.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  createKafkaBus,
  type ConsumedMessage,
  type KafkaBus,
  type KafkaBusOptions,
  type KafkaClientName,
} from '@signaalhub/kafka';
import { freePort, startKafkaBroker, stopKafkaBroker } from '@signaalhub/devstack';
import { createKafkaTlsMaterial, type KafkaTlsMaterial } from '@signaalhub/testing';
import { createConnectorsApp, loadConnectorsConfig } from '../apps/connectors/src/index.js';
import request from 'supertest';

const USER = 'signaalhub-test';
const DAY = 24 * 60 * 60 * 1000;

/** How each client words a refused SCRAM login. */
const REFUSED_LOGIN: Record<KafkaClientName, RegExp> = {
  kafkajs: /SASL SCRAM SHA512 authentication failed/,
  platformatic: /SASL SCRAM-SHA-512 authentication failed/,
};

/** Polls until `check` holds, within a bounded wait; never a fixed sleep. */
async function eventually<T>(probe: () => T, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = probe();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = probe();
  }
  return value;
}

describe('Kafka over SASL_SSL (SCRAM-SHA-512)', () => {
  const work = mkdtempSync(join(tmpdir(), 'signaalhub-kafka-sasl-'));
  const dataDir = join(work, 'kafka');
  const password = randomBytes(16).toString('hex');
  const passwordFile = join(work, 'kafka-password');
  const buses: KafkaBus[] = [];
  const apps: INestApplication[] = [];
  let tls: KafkaTlsMaterial;
  let securedBrokers: string;

  /** The environment an operator would set for the secured cluster. */
  const secureEnv = (): Record<string, string> => ({
    KAFKA_BROKERS: securedBrokers,
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: tls.caPemFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: USER,
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
    NODE_ENV: 'production',
  });

  const bus = (client: KafkaClientName, options: Omit<KafkaBusOptions, 'clientId' | 'client'>): KafkaBus => {
    const created = createKafkaBus({ clientId: `test-sasl-${buses.length}`, client, ...options });
    buses.push(created);
    return created;
  };

  /** A bus configured the way the apps configure theirs: from the validated environment. */
  const configuredBus = (client: KafkaClientName, env: Record<string, string>): KafkaBus => {
    const config = loadConnectorsConfig(env);
    return bus(client, { brokers: config.kafkaBrokers, ...config.kafkaSecurity });
  };

  beforeAll(async () => {
    tls = createKafkaTlsMaterial(join(work, 'tls'));
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    const saslPort = await freePort();
    await startKafkaBroker({
      dataDir,
      port: await freePort(),
      controllerPort: await freePort(),
      saslSsl: {
        port: saslPort,
        keystoreFile: tls.keystoreFile,
        truststoreFile: tls.truststoreFile,
        storePassword: tls.storePassword,
        scramUsers: [{ username: USER, password }],
      },
    });
    securedBrokers = `127.0.0.1:${saslPort}`;
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const b of buses) await b.close().catch(() => undefined);
    await stopKafkaBroker(dataDir);
    rmSync(work, { recursive: true, force: true });
  });

  describe.each(['kafkajs', 'platformatic'] as const)('on %s', (client) => {
    it('produces and consumes through the bus with TLS and SCRAM credentials from the configuration', async () => {
      const secured = configuredBus(client, secureEnv());
      const topic = `sasl-${randomBytes(4).toString('hex')}`;
      await secured.ensureTopics([{ topic, partitions: 2, retentionMs: 14 * DAY }]);
      expect((await secured.topicConfig(topic))['retention.ms']).toBe(String(14 * DAY));

      const received: ConsumedMessage[] = [];
      const consumer = secured.createConsumer({ groupId: `${topic}-group`, topics: [topic] });
      await consumer.start(async (batch) => {
        received.push(...batch.messages);
      });
      const producer = await secured.createProducer();
      await producer.send(topic, [
        { key: 'a', value: Buffer.from('over SASL_SSL 1') },
        { key: 'b', value: Buffer.from('over SASL_SSL 2') },
      ]);
      const values = await eventually(
        () => received.map((m) => m.value?.toString()),
        (v) => v.length >= 2,
      );
      expect([...values].sort()).toEqual(['over SASL_SSL 1', 'over SASL_SSL 2']);
    });

    it('passes the security settings through the app module: the connectors report Kafka ready', async () => {
      // The app's bus follows KAFKA_CLIENT, read when the app module builds it.
      const previous = process.env.KAFKA_CLIENT;
      process.env.KAFKA_CLIENT = client;
      const app = await createConnectorsApp(loadConnectorsConfig({ ...secureEnv(), CONNECTORS_PORT: '0' })).finally(
        () => (previous === undefined ? delete process.env.KAFKA_CLIENT : (process.env.KAFKA_CLIENT = previous)),
      );
      apps.push(app);
      await app.listen(0, '127.0.0.1');
      await request(app.getHttpServer())
        .get('/health/ready')
        .expect(200, { status: 'ok', checks: { kafka: 'up' } });
    });

    it('refuses a wrong password', async () => {
      writeFileSync(join(work, 'wrong-password'), 'not-the-password\n');
      const wrong = configuredBus(client, { ...secureEnv(), KAFKA_SASL_PASSWORD_FILE: join(work, 'wrong-password') });
      expect(await wrong.ping()).toBe(false);
      await expect(wrong.createProducer()).rejects.toThrow(REFUSED_LOGIN[client]);
    });

    it('refuses a plaintext client, and a TLS client without credentials, on the SASL_SSL port', async () => {
      // The same port answers the secured client (above and here), so the refusals are the listener's.
      expect(await configuredBus(client, secureEnv()).ping()).toBe(true);
      expect(await bus(client, { brokers: [securedBrokers] }).ping()).toBe(false);
      expect(await bus(client, { brokers: [securedBrokers], tls: { ca: readCa() } }).ping()).toBe(false);
    });
  });

  function readCa(): string {
    const config = loadConnectorsConfig(secureEnv());
    return config.kafkaSecurity.tls!.ca!;
  }
});
