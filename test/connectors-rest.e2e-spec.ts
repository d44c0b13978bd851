import { createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  decodeEnvelope,
  decodeSignal,
  encodeFeedback,
  FeedbackStatus,
  generateSigningKeyPair,
  verifyEnvelope,
} from '@signaalhub/contracts';
import { DEV_ISSUER } from '@signaalhub/devstack';
import { SECTORS, SIGNAL_KINDS } from '@signaalhub/domain';
import type { ConsumedMessage } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import request from 'supertest';
import {
  createConnectorsApp,
  generateSignals,
  loadConnectorsConfig,
  MAX_BATCH_ITEMS,
  restIngressOpenApi,
  type SyntheticSignal,
} from '../apps/connectors/src/index.js';
import { HubWorld } from './support/hub-harness.js';

/** A synthetic signal as a creditor's system would post it: camelCase, enum names, cents as a string. */
function toItem({ signal }: SyntheticSignal): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(signal)) {
    if (field === 'sentAt' || field === '$typeName' || value === '' || value === undefined) continue;
    item[field] = value;
  }
  item.kind = SIGNAL_KINDS[(signal.kind as number) - 1];
  item.sector = SECTORS[(signal.sector as number) - 1];
  item.amountCents = String(signal.amountCents);
  return item;
}

function webhooksFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signaalhub-connector-hooks-'));
  writeFileSync(join(dir, 'hook.secret'), 'h'.repeat(40));
  const file = join(dir, 'webhooks.json');
  writeFileSync(file, JSON.stringify({ 'cred-unused': { url: 'http://127.0.0.1:9/hook', secretFile: 'hook.secret' } }));
  return file;
}

describe('connectors: the creditors’ REST ingress, signed at the edge, into a hub', () => {
  const world = new HubWorld('connectors_rest', { seedCreditors: true });
  const keysDir = mkdtempSync(join(tmpdir(), 'signaalhub-connector-signing-'));
  const signals = generateSignals(loadReferenceData(), { count: 40, municipalities: ['GM0518'], seed: 77 });
  const creditorId = signals[0]!.creditorId;
  const own = signals.filter((s) => s.creditorId === creditorId);
  const otherCreditor = signals.find((s) => s.creditorId !== creditorId)!.creditorId;
  let connector: INestApplication;
  let token: string;
  const received: ConsumedMessage[] = [];

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    await world.startHub();
    // The connector signs with the keys the hub registered for the creditors, from its own folder.
    for (const id of [creditorId, otherCreditor]) {
      const signer = world.signer(id);
      mkdirSync(join(keysDir, id));
      writeFileSync(
        join(keysDir, id, `${signer.keyId}.pem`),
        signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      );
    }
    connector = await createConnectorsApp(
      loadConnectorsConfig({
        KAFKA_BROKERS: process.env.SIGNAALHUB_TEST_KAFKA,
        KAFKA_TOPIC_PREFIX: `${world.id}.`,
        NODE_ENV: 'test',
        CREDITOR_SIGNING_KEYS_DIR: keysDir,
        AUTH_PUBLIC_KEY_FILE: world.keys.publicKeyFile,
        AUTH_ISSUER: DEV_ISSUER,
        // Webhooks on (for a creditor this test does not use), so the whole creditor API is served.
        FEEDBACK_WEBHOOKS_FILE: webhooksFile(),
        FEEDBACK_STATE_DIR: mkdtempSync(join(tmpdir(), 'signaalhub-connector-state-')),
      }),
    );
    await connector.listen(0, '127.0.0.1');
    token = await world.token({ roles: ['creditor'], creditor: creditorId });
    const reader = world.bus.createConsumer({
      groupId: `${world.id}-rest-reader`,
      topics: [world.topics.signals],
      fromBeginning: true,
    });
    await reader.start(async (batch) => {
      received.push(...batch.messages);
    });
  });

  afterAll(async () => {
    await connector?.close();
    await world.close();
  });

  const post = (body: unknown, bearer: string | null = token) => {
    const req = request(connector.getHttpServer()).post('/v1/signals');
    return bearer ? req.set('Authorization', `Bearer ${bearer}`).send(body as object) : req.send(body as object);
  };

  it('answers each item of a mixed batch on its own, and the good ones reach Kafka signed and the hub', async () => {
    const good = own.slice(0, 2).map(toItem);
    const badDate = { ...toItem(own[2]!), signalDate: '31-12-2026' };
    const badPostcode = { ...toItem(own[3]!), postcode: 'nope' };
    const res = await post({ items: [good[0], badDate, 'not an object', badPostcode, good[1]] }).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 3 });
    const results = res.body.results as Array<Record<string, unknown>>;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted']);
    expect(results[1]!.errors).toEqual([expect.objectContaining({ field: 'signalDate' })]);
    expect(results[2]!.errors).toEqual([expect.objectContaining({ field: 'item' })]);
    // Refused by the hub's own rules, with the hub's reason code, and without echoing the value.
    expect(results[3]!.errors).toEqual([expect.objectContaining({ field: 'postcode', reason: expect.any(String) })]);
    expect(JSON.stringify(results[3])).not.toContain('nope');
    expect(results[0]).toMatchObject({
      key: `${creditorId}:${good[0]!.creditorSignalRef}`,
      topic: world.topics.signals,
      keyId: world.signer(creditorId).keyId,
    });

    const refs = good.map((g) => g.creditorSignalRef as string);
    const arrived = await world.eventually(
      async () => received.filter((m) => refs.some((ref) => m.key?.toString() === `${creditorId}:${ref}`)),
      (messages) => messages.length >= 2,
    );
    expect(arrived).toHaveLength(2);
    const publicKey = createPublicKey(world.signer(creditorId).privateKey);
    const otherKey = createPublicKey(world.signer(otherCreditor).privateKey);
    for (const message of arrived) {
      const envelope = decodeEnvelope(message.value!);
      expect(envelope.creditorId).toBe(creditorId);
      expect(verifyEnvelope(publicKey, envelope)).toBe(true);
      expect(verifyEnvelope(otherKey, envelope)).toBe(false);
      expect(message.key?.toString()).toBe(`${creditorId}:${decodeSignal(envelope.payload).creditorSignalRef}`);
    }
    // Each accepted item's result names where Kafka stored it, so a creditor can point at the message.
    for (const index of [0, 4]) {
      const ref = results[index]!.creditorSignalRef;
      const message = arrived.find((m) => m.key?.toString() === `${creditorId}:${ref}`)!;
      expect(results[index]).toMatchObject({ partition: message.partition, offset: message.offset });
    }
    expect(results[1]).not.toHaveProperty('offset');
    // The hub verified and stored both.
    const stored = await world.eventually(
      () =>
        world.count('SELECT count(*) FROM signal WHERE creditor_id = $1 AND creditor_signal_ref = ANY($2)', [
          creditorId,
          refs,
        ]),
      (n) => n >= 2,
    );
    expect(stored).toBe(2);
  });

  it('answers a resend as duplicate without sending it again', async () => {
    const item = toItem(own[4]!);
    const first = await post({ items: [item] }).expect(200);
    expect(first.body.results[0].status).toBe('accepted');
    const ends = async () =>
      [...(await world.bus.topicEndOffsets(world.topics.signals)).values()].reduce((a, b) => a + b, 0n);
    const before = await ends();
    const again = await post({ creditorId, items: [item, item] }).expect(200);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await ends()).toBe(before);
  });

  it('refuses a request without a token (401) and a valid token of another role (403)', async () => {
    const item = toItem(own[5]!);
    const none = await post({ items: [item] }, null).expect(401);
    expect(none.body.statusCode).toBe(401);
    await post({ items: [item] }, 'not-a-jwt').expect(401);
    const worker = await world.token({ roles: ['worker'], municipality: 'GM0518' });
    await post({ items: [item] }, worker).expect(403);
    const stranger = new HubWorld('connectors_rest_stranger');
    const forged = await stranger.token({ roles: ['creditor'], creditor: creditorId });
    await stranger.close();
    await post({ items: [item] }, forged).expect(401);
  });

  it('refuses a batch in another creditor’s name (403) and sends nothing', async () => {
    const item = toItem(own[6]!);
    const res = await post({ creditorId: otherCreditor, items: [item] }).expect(403);
    expect(res.body.message).toMatch(/own name/);
    const res2 = await post({ items: [item] }).expect(200);
    expect(res2.body.results[0].status).toBe('accepted');
  });

  it('refuses an oversized body with a JSON 413, and a batch of more than the maximum items with 400', async () => {
    const padding = 'x'.repeat(17 * 1024 * 1024);
    const res = await post({ items: [{ ...toItem(own[7]!), place: padding }] }).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/smaller batches/) });
    const many = await post({ items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({})) }).expect(400);
    expect(JSON.stringify(many.body.message)).toMatch(/items/);
    await post({ items: [] }).expect(400);
  });

  it('accepts a full batch of the maximum size within the body limit', async () => {
    const item = toItem(own[8]!);
    const items = Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => ({
      ...item,
      creditorSignalRef: `bulk-${i}`,
      houseNumber: 'x',
    }));
    const res = await post({ items }).expect(200);
    expect(res.body.rejected).toBe(MAX_BATCH_ITEMS);
    expect(res.body.results[9_999].errors[0].field).toBe('houseNumber');
  });

  it('reports the hub’s last feedback for a reference, and 404 for one it does not know', async () => {
    const ref = own[0]!.signal.creditorSignalRef as string;
    const status = await world.eventually(
      async () =>
        request(connector.getHttpServer()).get(`/v1/signals/${ref}/status`).set('Authorization', `Bearer ${token}`),
      (res) => res.status === 200,
    );
    expect(status.body).toMatchObject({ creditorSignalRef: ref, status: 'ACCEPTED', feedbackId: expect.any(String) });
    await request(connector.getHttpServer())
      .get('/v1/signals/unknown-ref/status')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    // Another creditor's token does not see this creditor's feedback.
    const other = await world.token({ roles: ['creditor'], creditor: otherCreditor });
    await request(connector.getHttpServer())
      .get(`/v1/signals/${ref}/status`)
      .set('Authorization', `Bearer ${other}`)
      .expect(404);
  });

  it('lets a creditor pull its feedback after a cursor, each feedback id once', async () => {
    const get = (query: string, bearer = token) =>
      request(connector.getHttpServer()).get(`/v1/feedback${query}`).set('Authorization', `Bearer ${bearer}`);
    const ref = own[0]!.signal.creditorSignalRef as string;
    // Every signal of this creditor sent so far has its feedback, so anything after it is what this test adds.
    const sent = [0, 1, 4, 6].map((i) => own[i]!.signal.creditorSignalRef as string);
    const first = await world.eventually(
      () => get(''),
      (res) =>
        res.status === 200 &&
        sent.every((r) => res.body.items.some((i: { creditorSignalRef: string }) => i.creditorSignalRef === r)),
    );
    const items = first.body.items as Array<{ feedbackId: string; creditorSignalRef: string; cursor: string }>;
    expect(new Set(items.map((i) => i.feedbackId)).size).toBe(items.length);
    expect(first.body.nextCursor).toBe(items.at(-1)!.cursor);
    // Nothing of this creditor reaches another creditor.
    const other = await world.token({ roles: ['creditor'], creditor: otherCreditor });
    const theirs = (await get('', other).expect(200)).body.items as Array<{ feedbackId: string }>;
    expect(theirs.filter((t) => items.some((i) => i.feedbackId === t.feedbackId))).toEqual([]);

    // The hub's outbox publishing a feedback again, then new feedback: only the new one comes.
    const producer = await world.bus.createProducer();
    const occurredAt = { seconds: 1_800_000_000n, nanos: 0 };
    const again = encodeFeedback({
      creditorId,
      creditorSignalRef: ref,
      status: FeedbackStatus.RESOLVED,
      occurredAt,
      feedbackId: items.find((i) => i.creditorSignalRef === ref)!.feedbackId,
    });
    const fresh = encodeFeedback({
      creditorId,
      creditorSignalRef: ref,
      status: FeedbackStatus.PICKED_UP,
      occurredAt,
      feedbackId: `${world.id}-picked-up`,
    });
    await producer.send(world.topics.feedback, [
      { key: creditorId, value: Buffer.from(again) },
      { key: creditorId, value: Buffer.from(fresh) },
    ]);
    await producer.disconnect();
    const next = await world.eventually(
      () => get(`?since=${first.body.nextCursor}`),
      (res) => res.status === 200 && res.body.items.length > 0,
    );
    expect(next.body.items).toEqual([
      expect.objectContaining({ feedbackId: `${world.id}-picked-up`, creditorSignalRef: ref, status: 'PICKED_UP' }),
    ]);
    const status = await request(connector.getHttpServer())
      .get(`/v1/signals/${ref}/status`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(status.body).toMatchObject({ status: 'PICKED_UP', occurredAt: new Date(1_800_000_000_000).toISOString() });
    expect((await get(`?since=${next.body.nextCursor}`).expect(200)).body).toEqual({
      items: [],
      nextCursor: next.body.nextCursor,
    });
    await get('?since=garbage').expect(400);
    await get('?limit=0').expect(400);
  });

  it('signs with the newest key file after a rotation, under its key id', async () => {
    const rotated = generateSigningKeyPair();
    const file = join(keysDir, otherCreditor, `${otherCreditor}-rotated-2.pem`);
    writeFileSync(file, rotated.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const future = new Date(Date.now() + 60_000);
    utimesSync(file, future, future);
    const other = await world.token({ roles: ['creditor'], creditor: otherCreditor });
    const item = toItem(signals.find((s) => s.creditorId === otherCreditor)!);
    const res = await post({ items: [item] }, other).expect(200);
    expect(res.body.results[0]).toMatchObject({ status: 'accepted', keyId: `${otherCreditor}-rotated-2` });
    const key = `${otherCreditor}:${item.creditorSignalRef as string}`;
    const [message] = await world.eventually(
      async () => received.filter((m) => m.key?.toString() === key),
      (m) => m.length >= 1,
    );
    expect(verifyEnvelope(createPublicKey(rotated.privateKey), decodeEnvelope(message!.value!))).toBe(true);
  });

  it('serves the OpenAPI 3.1 document committed at apps/connectors/openapi.json (UPDATE_OPENAPI=1 rewrites it)', async () => {
    const document = JSON.stringify(restIngressOpenApi(connector), null, 2) + '\n';
    const file = new URL('../apps/connectors/openapi.json', import.meta.url);
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, document);
    expect(readFileSync(file, 'utf8')).toBe(document);
    expect(JSON.parse(document).openapi).toBe('3.1.0');
    const served = await request(connector.getHttpServer()).get('/docs-json').expect(200);
    expect(served.body.paths['/v1/signals']).toBeDefined();
    expect(Object.keys(served.body.paths)).toEqual(
      expect.arrayContaining(['/v1/feedback', '/v1/feedback/parked', '/v1/feedback/parked/{feedbackId}/redeliver']),
    );
    await request(connector.getHttpServer()).get('/docs').expect(200);
  });
});
