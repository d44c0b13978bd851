import { describe, expect, it } from '@jest/globals';
import { decodeEnvelope, decodeSignal, parseSignalKey } from '@signaalhub/contracts';
import type { KafkaBus, OutgoingMessage, Producer, TopicSpec } from '@signaalhub/kafka';
import { CHUNK_SIZE, publishSyntheticSignals, SimulatorInputError } from './publish.js';

const RETENTION = 14 * 24 * 60 * 60 * 1000;

/** Records what would have gone to Kafka; the integration test covers the real broker. */
function fakeBus() {
  const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  const ensured: TopicSpec[] = [];
  let disconnects = 0;
  const producer: Producer = {
    send: async (topic, messages) => {
      sent.push({ topic, messages });
      return messages.map((_, offset) => ({ partition: 0, offset: String(offset) }));
    },
    disconnect: async () => {
      disconnects++;
    },
  };
  const bus = {
    createProducer: async () => producer,
    ensureTopics: async (topics: TopicSpec[]) => {
      ensured.push(...topics);
    },
  } as unknown as KafkaBus;
  return { bus, producer, sent, ensured, disconnects: () => disconnects };
}

describe('publishSyntheticSignals', () => {
  it(`sends in chunks of ${CHUNK_SIZE}, keyed and encoded per the contract, and disconnects its own producer`, async () => {
    const fake = fakeBus();
    const chunks: number[] = [];
    const result = await publishSyntheticSignals(
      fake.bus,
      { topic: 'p.signals', retentionMs: RETENTION },
      { count: 1_200, municipalities: ['GM0363', 'GM0599'], seed: 3 },
      { onChunk: (signals) => chunks.push(signals.length) },
    );
    expect(result).toEqual({ published: 1_200 });
    expect(fake.ensured).toEqual([{ topic: 'p.signals', partitions: 4, retentionMs: RETENTION }]);
    expect(fake.sent.map((s) => s.messages.length)).toEqual([500, 500, 200]);
    expect(chunks).toEqual([500, 500, 200]);
    expect(fake.disconnects()).toBe(1);
    const messages = fake.sent.flatMap((s) => s.messages);
    expect(new Set(messages.map((m) => m.key)).size).toBe(1_200);
    for (const m of messages.slice(0, 50)) {
      const envelope = decodeEnvelope(m.value as Buffer);
      const signal = decodeSignal(envelope.payload);
      expect(parseSignalKey(m.key as string)).toEqual({
        creditorId: envelope.creditorId,
        creditorSignalRef: signal.creditorSignalRef,
      });
    }
  });

  it('leaves a producer it was given connected', async () => {
    const fake = fakeBus();
    await publishSyntheticSignals(
      fake.bus,
      { topic: 't', retentionMs: RETENTION },
      { count: 3, municipalities: ['GM0363'] },
      { producer: fake.producer },
    );
    expect(fake.disconnects()).toBe(0);
  });

  it('refuses unknown municipalities and empty counts before touching Kafka', async () => {
    const fake = fakeBus();
    await expect(
      publishSyntheticSignals(
        fake.bus,
        { topic: 't', retentionMs: RETENTION },
        { count: 5, municipalities: ['GM9999'] },
      ),
    ).rejects.toThrow(SimulatorInputError);
    await expect(
      publishSyntheticSignals(
        fake.bus,
        { topic: 't', retentionMs: RETENTION },
        { count: 0, municipalities: ['GM0363'] },
      ),
    ).rejects.toThrow(/count/);
    await expect(
      publishSyntheticSignals(fake.bus, { topic: 't', retentionMs: RETENTION }, { count: 5, municipalities: [] }),
    ).rejects.toThrow(SimulatorInputError);
    expect(fake.ensured).toHaveLength(0);
    expect(fake.sent).toHaveLength(0);
  });
});
