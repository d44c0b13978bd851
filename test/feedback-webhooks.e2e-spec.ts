import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { encodeFeedback, FeedbackStatus } from '@signaalhub/contracts';
import { DEV_ISSUER } from '@signaalhub/devstack';
import request from 'supertest';
import {
  createConnectorsApp,
  loadConnectorsConfig,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from '../apps/connectors/src/index.js';
import { HubWorld } from './support/hub-harness.js';

interface Received {
  feedbackId: string;
  verified: boolean;
  answered: number;
}

/** A creditor's receiver: checks each signature as the README tells creditors to, answers from `answer`. */
async function receiver(secret: string, answer: (attempt: number) => number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(secret, req.headers[WEBHOOK_SIGNATURE_HEADER] as string, body);
      const status = verified ? answer(received.length + 1) : 401;
      received.push({
        feedbackId: (JSON.parse(body) as { feedbackId: string }).feedbackId,
        verified,
        answered: status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feedback` };
}

describe('connectors: feedback pushed to the creditors’ webhooks', () => {
  const world = new HubWorld('feedback_webhooks');
  const dir = mkdtempSync(join(tmpdir(), 'signaalhub-webhooks-'));
  const [alpha, beta] = ['cred-webhook-a', 'cred-webhook-b'];
  const secrets = {
    [alpha]: 'a'.repeat(20) + 'alpha-secret-0123456789',
    [beta]: 'b'.repeat(20) + 'beta-secret-0123456789',
  };
  let betaAccepts = false;
  let connector: INestApplication;
  let alphaHook: Awaited<ReturnType<typeof receiver>>;
  let betaHook: Awaited<ReturnType<typeof receiver>>;
  let alphaToken: string;
  let betaToken: string;

  const publish = async (creditorId: string, feedbackIds: string[]) => {
    const producer = await world.bus.createProducer();
    await producer.send(
      world.topics.feedback,
      feedbackIds.map((feedbackId) => ({
        key: creditorId,
        value: Buffer.from(
          encodeFeedback({
            creditorId,
            creditorSignalRef: `ref-${feedbackId}`,
            status: FeedbackStatus.ACCEPTED,
            feedbackId,
          }),
        ),
      })),
    );
    await producer.disconnect();
  };

  beforeAll(async () => {
    await world.ensureTopics();
    // Alpha's receiver fails twice, then takes everything; beta's fails until the test lets it succeed.
    alphaHook = await receiver(secrets[alpha]!, (n) => (n <= 2 ? 500 : 204));
    betaHook = await receiver(secrets[beta]!, () => (betaAccepts ? 200 : 503));
    for (const id of [alpha, beta]) writeFileSync(join(dir, `${id}.secret`), `${secrets[id]}\n`);
    writeFileSync(
      join(dir, 'webhooks.json'),
      JSON.stringify({
        [alpha]: { url: alphaHook.url, secretFile: `${alpha}.secret` },
        [beta]: { url: betaHook.url, secretFile: `${beta}.secret` },
      }),
    );
    connector = await createConnectorsApp(
      loadConnectorsConfig({
        KAFKA_BROKERS: process.env.SIGNAALHUB_TEST_KAFKA,
        KAFKA_TOPIC_PREFIX: `${world.id}.`,
        NODE_ENV: 'test',
        CREDITOR_SIGNING_KEYS_DIR: mkdtempSync(join(tmpdir(), 'signaalhub-webhook-keys-')),
        AUTH_PUBLIC_KEY_FILE: world.keys.publicKeyFile,
        AUTH_ISSUER: DEV_ISSUER,
        FEEDBACK_WEBHOOKS_FILE: join(dir, 'webhooks.json'),
        FEEDBACK_STATE_DIR: mkdtempSync(join(tmpdir(), 'signaalhub-webhook-state-')),
        FEEDBACK_WEBHOOK_MAX_ATTEMPTS: '3',
        FEEDBACK_WEBHOOK_RETRY_BASE_MS: '10',
      }),
    );
    alphaToken = await world.token({ roles: ['creditor'], creditor: alpha });
    betaToken = await world.token({ roles: ['creditor'], creditor: beta });
  });

  afterAll(async () => {
    await connector?.close();
    alphaHook?.server.close();
    betaHook?.server.close();
    await world.close();
  });

  it('delivers a feedback message once, signed, after the receiver failed twice; a repeated id is not sent again', async () => {
    await publish(alpha, ['fb-alpha-1']);
    await world.eventually(
      async () => alphaHook.received,
      (r) => r.some((x) => x.answered === 204),
    );
    // The hub's outbox publishing the same feedback again, then a later one as a marker.
    await publish(alpha, ['fb-alpha-1', 'fb-alpha-2']);
    const received = await world.eventually(
      async () => alphaHook.received,
      (r) => r.some((x) => x.feedbackId === 'fb-alpha-2' && x.answered === 204),
    );
    expect(received.every((r) => r.verified)).toBe(true);
    expect(received.filter((r) => r.feedbackId === 'fb-alpha-1').map((r) => r.answered)).toEqual([500, 500, 204]);
    expect(received.filter((r) => r.feedbackId === 'fb-alpha-2').map((r) => r.answered)).toEqual([204]);
  });

  it('parks a delivery after the last attempt, shows it to its own creditor only, and redelivers it', async () => {
    await publish(beta, ['fb-beta-1']);
    const parked = await world.eventually(
      () => request(connector.getHttpServer()).get('/v1/feedback/parked').set('Authorization', `Bearer ${betaToken}`),
      (res) => res.status === 200 && res.body.items.length > 0,
    );
    expect(parked.body.items).toEqual([
      expect.objectContaining({ feedbackId: 'fb-beta-1', attempts: 3, lastError: 'HTTP 503' }),
    ]);
    expect(betaHook.received.map((r) => r.answered)).toEqual([503, 503, 503]);

    await request(connector.getHttpServer()).get('/v1/feedback/parked').expect(401);
    const theirs = await request(connector.getHttpServer())
      .get('/v1/feedback/parked')
      .set('Authorization', `Bearer ${alphaToken}`)
      .expect(200);
    expect(theirs.body.items).toEqual([]);
    await request(connector.getHttpServer())
      .post('/v1/feedback/parked/fb-beta-1/redeliver')
      .set('Authorization', `Bearer ${alphaToken}`)
      .expect(404);
    expect(betaHook.received).toHaveLength(3);

    betaAccepts = true;
    await request(connector.getHttpServer())
      .post('/v1/feedback/parked/fb-beta-1/redeliver')
      .set('Authorization', `Bearer ${betaToken}`)
      .expect(202, { feedbackId: 'fb-beta-1', queued: true });
    const after = await world.eventually(
      async () => betaHook.received,
      (r) => r.some((x) => x.answered === 200),
    );
    expect(after.map((r) => [r.feedbackId, r.answered, r.verified])).toEqual([
      ['fb-beta-1', 503, true],
      ['fb-beta-1', 503, true],
      ['fb-beta-1', 503, true],
      ['fb-beta-1', 200, true],
    ]);
    await request(connector.getHttpServer())
      .get('/v1/feedback/parked')
      .set('Authorization', `Bearer ${betaToken}`)
      .expect(200, { items: [] });
    await request(connector.getHttpServer())
      .post('/v1/feedback/parked/fb-beta-1/redeliver')
      .set('Authorization', `Bearer ${betaToken}`)
      .expect(404);
  });

  it('keeps parked deliveries and delivered feedback ids across restarts of the connector', async () => {
    const gamma = 'cred-webhook-c';
    const secret = 'c'.repeat(20) + 'gamma-secret-0123456789';
    let gammaAccepts = true;
    const gammaHook = await receiver(secret, () => (gammaAccepts ? 204 : 503));
    const gammaDir = mkdtempSync(join(tmpdir(), 'signaalhub-webhooks-gamma-'));
    writeFileSync(join(gammaDir, 'gamma.secret'), secret);
    writeFileSync(
      join(gammaDir, 'webhooks.json'),
      JSON.stringify({ [gamma]: { url: gammaHook.url, secretFile: 'gamma.secret' } }),
    );
    const stateDir = mkdtempSync(join(tmpdir(), 'signaalhub-webhook-state-'));
    const start = () =>
      createConnectorsApp(
        loadConnectorsConfig({
          KAFKA_BROKERS: process.env.SIGNAALHUB_TEST_KAFKA,
          KAFKA_TOPIC_PREFIX: `${world.id}.`,
          NODE_ENV: 'test',
          CREDITOR_SIGNING_KEYS_DIR: mkdtempSync(join(tmpdir(), 'signaalhub-webhook-keys-')),
          AUTH_PUBLIC_KEY_FILE: world.keys.publicKeyFile,
          AUTH_ISSUER: DEV_ISSUER,
          FEEDBACK_WEBHOOKS_FILE: join(gammaDir, 'webhooks.json'),
          FEEDBACK_STATE_DIR: stateDir,
          FEEDBACK_WEBHOOK_MAX_ATTEMPTS: '2',
          FEEDBACK_WEBHOOK_RETRY_BASE_MS: '10',
        }),
      );
    const token = await world.token({ roles: ['creditor'], creditor: gamma });
    const parkedOn = (app: INestApplication) =>
      request(app.getHttpServer()).get('/v1/feedback/parked').set('Authorization', `Bearer ${token}`);
    const answers = (feedbackId: string) =>
      gammaHook.received.filter((r) => r.feedbackId === feedbackId).map((r) => r.answered);
    /** Publishes a marker the receiver takes; once it arrived, everything before it was handled. */
    const caughtUp = async (marker: string) => {
      gammaAccepts = true;
      await publish(gamma, [marker]);
      await world.eventually(
        async () => answers(marker),
        (a) => a.includes(204),
      );
    };

    let app = await start();
    try {
      await caughtUp('fb-gamma-1');
      gammaAccepts = false;
      await publish(gamma, ['fb-gamma-2']);
      await world.eventually(
        () => parkedOn(app),
        (res) => res.status === 200 && res.body.items.length === 1,
      );
    } finally {
      await app.close();
    }

    // A new process reads the whole feedback topic again: what was delivered is not sent again, what
    // was parked is still parked, and neither reaches the receiver.
    app = await start();
    try {
      await caughtUp('fb-gamma-3');
      expect(answers('fb-gamma-1')).toEqual([204]);
      expect(answers('fb-gamma-2')).toEqual([503, 503]);
      const parked = await parkedOn(app).expect(200);
      expect(parked.body.items).toEqual([
        expect.objectContaining({ feedbackId: 'fb-gamma-2', attempts: 2, lastError: 'HTTP 503' }),
      ]);
      await request(app.getHttpServer())
        .post('/v1/feedback/parked/fb-gamma-2/redeliver')
        .set('Authorization', `Bearer ${token}`)
        .expect(202);
      await world.eventually(
        async () => answers('fb-gamma-2'),
        (a) => a.includes(204),
      );
      await parkedOn(app).expect(200, { items: [] });
    } finally {
      await app.close();
    }

    // And the redelivered one, once delivered, is not delivered a second time after the next restart.
    app = await start();
    try {
      await caughtUp('fb-gamma-4');
      expect(answers('fb-gamma-1')).toEqual([204]);
      expect(answers('fb-gamma-2')).toEqual([503, 503, 204]);
      expect(answers('fb-gamma-3')).toEqual([204]);
      expect(gammaHook.received.every((r) => r.verified)).toBe(true);
      await parkedOn(app).expect(200, { items: [] });
    } finally {
      await app.close();
      gammaHook.server.close();
    }
  });
});
