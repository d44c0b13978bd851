import { describe, expect, it } from '@jest/globals';
import { FeedbackWebhookDispatcher, type PostResult, type WebhookFeedback } from './webhook-dispatcher.js';
import { signWebhook, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';
import { parseWebhookTargets, WebhookConfigError } from './webhook-targets.js';

const SECRET = 's'.repeat(40);
const NOW = 1_800_000_000_000;

function feedback(id: string, creditorId = 'cred-a'): WebhookFeedback {
  return { feedbackId: id, creditorId, creditorSignalRef: `ref-${id}`, status: 'ACCEPTED', cursor: '0-1' };
}

/** A dispatcher whose receiver answers from `answers` in turn (the last one repeats). */
function world(answers: PostResult[], maxAttempts = 4) {
  const posts: Array<{ headers: Record<string, string>; body: string }> = [];
  const delays: number[] = [];
  let calls = 0;
  const dispatcher = new FeedbackWebhookDispatcher({
    targets: new Map([
      ['cred-a', { url: 'http://127.0.0.1:1/hook', secret: SECRET }],
      ['cred-b', { url: 'http://127.0.0.1:1/other', secret: 'o'.repeat(40) }],
    ]),
    maxAttempts,
    retryBaseMs: 100,
    post: async (_url, headers, body) => {
      posts.push({ headers, body });
      return answers[Math.min(calls++, answers.length - 1)]!;
    },
    sleep: async (ms) => {
      delays.push(ms);
    },
    now: () => NOW,
  });
  return { dispatcher, posts, delays };
}

describe('feedback webhook signatures', () => {
  it('verifies its own signature over exactly the body, within the tolerance only', () => {
    const header = signWebhook(SECRET, 1000, '{"a":1}');
    expect(header).toMatch(/^t=1000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, '{"a":1}', { nowSeconds: 1100 })).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, '{"a":2}', { nowSeconds: 1100 })).toBe(false);
    expect(verifyWebhookSignature('x'.repeat(40), header, '{"a":1}', { nowSeconds: 1100 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, '{"a":1}', { nowSeconds: 1000 + 301 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header.replace('t=1000', 't=1001'), '{"a":1}', { nowSeconds: 1000 })).toBe(
      false,
    );
    for (const bad of [undefined, '', 't=1000', 'v1=00', `t=1000,v1=${'0'.repeat(63)}`, `${header},x`]) {
      expect(verifyWebhookSignature(SECRET, bad, '{"a":1}', { nowSeconds: 1000 })).toBe(false);
    }
  });
});

describe('feedback webhook delivery', () => {
  it('retries with doubling waits until the receiver accepts, then delivers no more', async () => {
    const { dispatcher, posts, delays } = world([{ status: 500 }, { error: 'ConnectionError' }, { status: 204 }]);
    expect(dispatcher.enqueue(feedback('f1'))).toBe(true);
    await dispatcher.idle();
    expect(posts).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
    expect(dispatcher.parked('cred-a')).toEqual([]);
    const { headers, body } = posts[2]!;
    expect(JSON.parse(body)).toMatchObject({ feedbackId: 'f1', creditorId: 'cred-a' });
    expect(headers['x-signaalhub-feedback-id']).toBe('f1');
    expect(verifyWebhookSignature(SECRET, headers[WEBHOOK_SIGNATURE_HEADER], body, { nowSeconds: NOW / 1000 })).toBe(
      true,
    );
    // The same feedback id again (the hub's outbox repeating itself) is not delivered again.
    expect(dispatcher.enqueue(feedback('f1'))).toBe(false);
    await dispatcher.idle();
    expect(posts).toHaveLength(3);
  });

  it('parks after the last attempt, for its own creditor only, and redelivers with fresh attempts', async () => {
    const { dispatcher, posts } = world([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }], 3);
    dispatcher.enqueue(feedback('f2'));
    await dispatcher.idle();
    expect(posts).toHaveLength(3);
    expect(dispatcher.parked('cred-a')).toEqual([
      expect.objectContaining({
        feedbackId: 'f2',
        attempts: 3,
        lastError: 'HTTP 503',
        parkedAt: new Date(NOW).toISOString(),
      }),
    ]);
    expect(dispatcher.parked('cred-b')).toEqual([]);
    expect(dispatcher.redeliver('cred-b', 'f2')).toBe(false);
    expect(dispatcher.redeliver('cred-a', 'unknown')).toBe(false);
    expect(dispatcher.redeliver('cred-a', 'f2')).toBe(true);
    await dispatcher.idle();
    expect(posts).toHaveLength(4);
    expect(dispatcher.parked('cred-a')).toEqual([]);
    expect(dispatcher.redeliver('cred-a', 'f2')).toBe(false);
  });

  it('ignores feedback of creditors without a webhook, and a receiver that throws counts as a failure', async () => {
    const { dispatcher } = world([{ status: 200 }]);
    expect(dispatcher.enqueue(feedback('f3', 'cred-unknown'))).toBe(false);
    const throwing = new FeedbackWebhookDispatcher({
      targets: new Map([['cred-a', { url: 'http://127.0.0.1:1/', secret: SECRET }]]),
      maxAttempts: 2,
      retryBaseMs: 10,
      post: () => Promise.reject(new TypeError('boom')),
      sleep: async () => {},
      now: () => NOW,
    });
    throwing.enqueue(feedback('f4'));
    await throwing.idle();
    expect(throwing.parked('cred-a')).toEqual([expect.objectContaining({ lastError: 'TypeError', attempts: 2 })]);
  });
});

describe('feedback webhooks file', () => {
  const read = (path: string) => {
    if (path.endsWith('good.secret')) return `${SECRET}\n`;
    if (path.endsWith('short.secret')) return 'short';
    throw new Error('ENOENT');
  };
  const parse = (value: unknown, production = false) =>
    parseWebhookTargets(JSON.stringify(value), { production, baseDir: '/etc/hooks', readSecret: read });

  it('reads url and secret per creditor, the secret file relative to the webhooks file', () => {
    const seen: string[] = [];
    const targets = parseWebhookTargets(
      JSON.stringify({ 'cred-a': { url: 'https://a.example/hook', secretFile: 'good.secret' } }),
      { production: true, baseDir: '/etc/hooks', readSecret: (p) => (seen.push(p), read(p)) },
    );
    expect(targets.get('cred-a')).toEqual({ url: 'https://a.example/hook', secret: SECRET });
    expect(seen).toEqual(['/etc/hooks/good.secret']);
  });

  it.each([
    ['not JSON', null],
    ['an array', []],
    ['a non-http url', { ca: { url: 'ftp://a.example/', secretFile: 'good.secret' } }],
    ['a url with credentials', { ca: { url: 'https://u:p@a.example/', secretFile: 'good.secret' } }],
    ['an unreadable secret', { ca: { url: 'https://a.example/', secretFile: 'missing.secret' } }],
    ['a short secret', { ca: { url: 'https://a.example/', secretFile: 'short.secret' } }],
    ['an unknown field', { ca: { url: 'https://a.example/', secretFile: 'good.secret', extra: 1 } }],
    ['a bad creditor id', { 'a b': { url: 'https://a.example/', secretFile: 'good.secret' } }],
  ])('refuses %s', (_what, value) => {
    const text = value === null ? '{' : JSON.stringify(value);
    expect(() => parseWebhookTargets(text, { production: false, baseDir: '/', readSecret: read })).toThrow(
      WebhookConfigError,
    );
  });

  it('requires https in production only', () => {
    const http = { ca: { url: 'http://127.0.0.1:8080/hook', secretFile: 'good.secret' } };
    expect(parse(http).get('ca')?.url).toBe('http://127.0.0.1:8080/hook');
    expect(() => parse(http, true)).toThrow(/https in production/);
  });
});
