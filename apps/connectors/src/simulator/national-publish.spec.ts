import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  decodeEnvelope,
  generateSigningKeyPair,
  parseSignalKey,
  verifyEnvelope,
  decodeSignal,
} from '@signaalhub/contracts';
import type { KafkaBus, OutgoingMessage, Producer, TopicSpec } from '@signaalhub/kafka';
import { publishNationalStream } from './national-publish.js';
import { SimulatorInputError } from './publish.js';
import { SYNTHETIC_CREDITORS, type RecordSigner } from './synthetic-signals.js';

const TARGET = { topic: 'p.signals', retentionMs: 14 * 24 * 60 * 60 * 1000 };
const { privateKey } = generateSigningKeyPair();
const publicKey = createPublicKey(privateKey);
const signers = new Map<string, RecordSigner>(
  SYNTHETIC_CREDITORS.map((c) => [c.id, { keyId: `${c.id}-1`, privateKey }]),
);

/** Records what would have gone to Kafka; the national stream's content is covered by its own spec. */
function fakeBus() {
  const sent: OutgoingMessage[][] = [];
  const ensured: TopicSpec[] = [];
  const producer: Producer = {
    send: async (_topic, messages) => {
      sent.push(messages);
      return messages.map((_, offset) => ({ partition: 0, offset: String(offset) }));
    },
    disconnect: async () => {},
  };
  const bus = {
    createProducer: async () => producer,
    ensureTopics: async (topics: TopicSpec[]) => {
      ensured.push(...topics);
    },
  } as unknown as KafkaBus;
  return { bus, sent, ensured };
}

/** A clock that only moves when slept on, so pacing is measured without waiting. */
function fakeClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('publishNationalStream', () => {
  it('produces every signal signed, keyed per the contract, with progress after each chunk', async () => {
    const fake = fakeBus();
    const progress: number[] = [];
    const result = await publishNationalStream(
      fake.bus,
      TARGET,
      { count: 1_100, seed: 4 },
      { signers, onProgress: (n) => progress.push(n) },
    );
    expect(result).toEqual({ published: 1_100 });
    expect(fake.ensured).toEqual([{ topic: 'p.signals', partitions: 4, retentionMs: TARGET.retentionMs }]);
    expect(fake.sent.map((c) => c.length)).toEqual([500, 500, 100]);
    expect(progress).toEqual([500, 1_000, 1_100]);
    for (const m of fake.sent.flat().slice(0, 100)) {
      const envelope = decodeEnvelope(m.value as Buffer);
      expect(verifyEnvelope(publicKey, envelope)).toBe(true);
      expect(parseSignalKey(m.key as string)).toEqual({
        creditorId: envelope.creditorId,
        creditorSignalRef: decodeSignal(envelope.payload).creditorSignalRef,
      });
    }
    // Batch mode: each produced chunk is one signed batch per creditor, every envelope its own proof.
    for (const chunk of fake.sent) {
      const envelopes = chunk.map((m) => decodeEnvelope(m.value as Buffer));
      const creditors = new Set(envelopes.map((e) => e.creditorId));
      const roots = new Set(envelopes.map((e) => Buffer.from(e.batch!.root).toString('hex')));
      expect(envelopes.every((e) => e.signature.length === 0)).toBe(true);
      expect(roots.size).toBe(creditors.size);
      for (const creditorId of creditors) {
        const ofCreditor = envelopes.filter((e) => e.creditorId === creditorId);
        expect(ofCreditor.map((e) => e.batch!.leafIndex)).toEqual(ofCreditor.map((_, i) => i));
        expect(ofCreditor.every((e) => e.batch!.leafCount === ofCreditor.length)).toBe(true);
      }
    }
  });

  it('paces to the rate: 2,500 signals at 1,000 a second take 2.5 seconds', async () => {
    const clock = fakeClock();
    const seconds: number[] = [];
    await publishNationalStream(
      fakeBus().bus,
      TARGET,
      { count: 2_500, seed: 4, rate: 1_000 },
      { signers, clock, onProgress: (_n, s) => seconds.push(s) },
    );
    expect(seconds.at(-1)).toBeCloseTo(2.5);
    expect(Math.max(...seconds.map((s, i) => s - (seconds[i - 1] ?? 0)))).toBeLessThanOrEqual(0.25);
  });

  it.each([
    [{ count: 0, seed: 1 }, /signals/],
    [{ count: 5, seed: 1, rate: 0 }, /rate/],
    [{ count: 5, seed: 1, invalidShare: 1.5 }, /invalid share/],
    [{ count: 5, seed: -1 }, /seed/],
    [{ count: 5, seed: 1, referenceDate: '2026-02-30' }, /reference date/],
  ])('refuses %j before touching Kafka', async (options, message) => {
    const fake = fakeBus();
    const attempt = publishNationalStream(fake.bus, TARGET, options, { signers });
    await expect(attempt).rejects.toThrow(SimulatorInputError);
    await expect(attempt).rejects.toThrow(message);
    expect(fake.ensured).toHaveLength(0);
  });
});
