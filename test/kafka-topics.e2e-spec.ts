import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createKafkaBus, type ConsumedMessage, type KafkaBus, type TopicSpec } from '@signaalhub/kafka';
import { HubWorld, infra } from './support/hub-harness.js';

const DAY = 24 * 60 * 60 * 1000;

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

describe.each(['kafkajs', 'platformatic'] as const)(
  'Kafka topics on %s: concurrent creation, leaders, explicit retention',
  (client) => {
    const buses: KafkaBus[] = [];
    const bus = (name: string) => {
      const created = createKafkaBus({ brokers: infra().brokers.split(','), clientId: `test-topics-${name}`, client });
      buses.push(created);
      return created;
    };

    afterAll(async () => {
      for (const b of buses) await b.close();
    });

    it('two clients creating the same topics at once can both produce and consume right away', async () => {
      const prefix = `race-${randomBytes(4).toString('hex')}.`;
      const specs: TopicSpec[] = ['signals', 'dlq', 'feedback'].map((name) => ({
        topic: prefix + name,
        partitions: 4,
        retentionMs: 14 * DAY,
      }));
      const [a, b] = [bus('a'), bus('b')];
      await Promise.all([a.ensureTopics(specs), b.ensureTopics(specs)]);

      // Straight after: no settling time. One message per partition key spread, on every topic.
      const received: ConsumedMessage[] = [];
      const consumer = b.createConsumer({ groupId: `${prefix}group`, topics: specs.map((s) => s.topic) });
      await consumer.start(async (batch) => {
        received.push(...batch.messages);
      });
      const producer = await a.createProducer();
      const sent = specs.flatMap((s) =>
        Array.from({ length: 8 }, (_, i) => ({ topic: s.topic, key: `k${i}`, value: Buffer.from(`${s.topic}#${i}`) })),
      );
      for (const s of specs) {
        await producer.send(
          s.topic,
          sent.filter((m) => m.topic === s.topic),
        );
      }
      const all = await eventually(
        () => received.map((m) => m.value?.toString()),
        (values) => values.length >= sent.length,
      );
      expect([...all].sort()).toEqual(sent.map((m) => m.value.toString()).sort());
      await consumer.stop();
      await producer.disconnect();

      for (const s of specs) {
        const ends = await a.topicEndOffsets(s.topic);
        expect([...ends.keys()].sort()).toEqual([0, 1, 2, 3]);
        // Written once each: a produce refused by a partition whose leader was not ready yet would
        // have been retried whole, writing the other partitions' messages twice.
        expect([...ends.values()].reduce((sum, n) => sum + n, 0n)).toBe(8n);
        expect((await b.topicConfig(s.topic))['retention.ms']).toBe(String(14 * DAY));
      }
    });

    describe('the hub', () => {
      const world = new HubWorld('topic-retention', { client });
      afterAll(() => world.close());

      it('creates its topics with the configured retention.ms', async () => {
        await world.startHub({
          KAFKA_SIGNALS_RETENTION_MS: String(3 * DAY),
          KAFKA_DLQ_RETENTION_MS: String(21 * DAY),
          KAFKA_FEEDBACK_RETENTION_MS: String(5 * DAY),
        });
        expect((await world.bus.topicConfig(world.topics.signals))['retention.ms']).toBe(String(3 * DAY));
        expect((await world.bus.topicConfig(world.topics.deadLetter))['retention.ms']).toBe(String(21 * DAY));
        // The feedback topic is also ensured by the outbox relay, in the background, with the same spec.
        expect((await world.bus.topicConfig(world.topics.feedback))['retention.ms']).toBe(String(5 * DAY));
      });
    });

    describe('an existing topic', () => {
      const world = new HubWorld('topic-existing', { client });
      afterAll(() => world.close());

      it('is left as it is when the configured retention differs (no silent change to a cluster)', async () => {
        await world.bus.ensureTopics([{ topic: world.topics.signals, partitions: 4, retentionMs: 2 * DAY }]);
        await world.startHub({ KAFKA_SIGNALS_RETENTION_MS: String(14 * DAY) });
        expect((await world.bus.topicConfig(world.topics.signals))['retention.ms']).toBe(String(2 * DAY));
        expect((await world.bus.topicConfig(world.topics.deadLetter))['retention.ms']).toBe(String(14 * DAY));
      });
    });
  },
);
