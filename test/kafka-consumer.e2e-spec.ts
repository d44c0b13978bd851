import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createKafkaBus } from '@signaalhub/kafka';
import { infra } from './support/hub-harness.js';

describe.each(['kafkajs', 'platformatic'] as const)('Kafka batch consumer on %s', (client) => {
  const bus = createKafkaBus({ brokers: infra().brokers.split(','), clientId: 'test-consumer', client });

  afterAll(() => bus.close());

  /** Waits (bounded) until the group committed everything on the topic. */
  const committed = async (groupId: string, topic: string) => {
    const deadline = Date.now() + 30_000;
    while ((await bus.consumerLag(groupId, topic)) !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('keeps its group membership through a batch that takes longer than the session timeout', async () => {
    const topic = `slow-${randomBytes(4).toString('hex')}`;
    const groupId = `${topic}-group`;
    await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
    const producer = await bus.createProducer();
    await producer.send(topic, [{ key: 'k', value: Buffer.from('one') }]);
    await producer.disconnect();

    const deliveries: string[] = [];
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    const consumer = bus.createConsumer({ groupId, topics: [topic], sessionTimeoutMs: 6_000 });
    await consumer.start(async (batch) => {
      deliveries.push(...batch.messages.map((m) => m.offset));
      // Twice the session: without heartbeats during the batch the broker expels the member, its
      // commit is refused and the batch comes again.
      if (deliveries.length === 1) await new Promise((resolve) => setTimeout(resolve, 12_000));
      handled();
    });
    await done;
    await committed(groupId, topic);
    await consumer.stop();
    expect({ deliveries, lag: await bus.consumerLag(groupId, topic) }).toEqual({ deliveries: ['0'], lag: 0 });
  }, 90_000);

  it('hands each partition over in order, at most `concurrency` partitions at once, headers as Buffers', async () => {
    const topic = `order-${randomBytes(4).toString('hex')}`;
    const groupId = `${topic}-group`;
    await bus.ensureTopics([{ topic, partitions: 4, retentionMs: 3_600_000 }]);
    const producer = await bus.createProducer();
    const sent = Array.from({ length: 200 }, (_, i) => ({
      key: `k${i % 20}`,
      value: Buffer.from(String(i)),
      headers: { 'x-seq': String(i) },
    }));
    for (let i = 0; i < sent.length; i += 50) await producer.send(topic, sent.slice(i, i + 50));
    await producer.disconnect();

    let running = 0;
    let mostAtOnce = 0;
    const byPartition = new Map<number, number[]>();
    const keyPartition = new Map<string, Set<number>>();
    let seen = 0;
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    const consumer = bus.createConsumer({ groupId, topics: [topic], concurrency: 2 });
    await consumer.start(async (batch) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const m of batch.messages) {
        byPartition.set(batch.partition, [...(byPartition.get(batch.partition) ?? []), Number(m.offset)]);
        const key = m.key?.toString() ?? '';
        keyPartition.set(key, new Set([...(keyPartition.get(key) ?? []), batch.partition]));
        expect(Buffer.isBuffer(m.headers['x-seq'])).toBe(true);
        expect(m.headers['x-seq']?.toString()).toBe(m.value?.toString());
      }
      running--;
      seen += batch.messages.length;
      if (seen >= sent.length) handled();
    });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    await committed(groupId, topic);
    await consumer.stop();
    expect(seen).toBe(sent.length);
    expect(mostAtOnce).toBeLessThanOrEqual(2);
    for (const offsets of byPartition.values()) expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    // One partition per key, whichever client produced.
    expect([...keyPartition.values()].every((partitions) => partitions.size === 1)).toBe(true);
    expect(await bus.consumerLag(groupId, topic)).toBe(0);
  }, 90_000);

  it('delivers a batch again after its handler threw a TypeError, instead of stopping for good', async () => {
    const topic = `throws-${randomBytes(4).toString('hex')}`;
    const groupId = `${topic}-group`;
    await bus.ensureTopics([{ topic, partitions: 1, retentionMs: 3_600_000 }]);
    const producer = await bus.createProducer();
    await producer.send(topic, [{ key: 'k', value: Buffer.from('one') }]);
    await producer.disconnect();

    const deliveries: string[] = [];
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    const consumer = bus.createConsumer({ groupId, topics: [topic] });
    await consumer.start(async (batch) => {
      deliveries.push(...batch.messages.map((m) => m.offset));
      // What a driver may throw while its server restarts; kafkajs would never restart after it.
      if (deliveries.length === 1) throw new TypeError("Cannot read properties of null (reading 'query')");
      handled();
    });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    await committed(groupId, topic);
    await consumer.stop();
    expect({ deliveries, lag: await bus.consumerLag(groupId, topic) }).toEqual({ deliveries: ['0', '0'], lag: 0 });
  }, 90_000);
});

describe('Kafka producers of both clients', () => {
  const buses = (['kafkajs', 'platformatic'] as const).map((client) =>
    createKafkaBus({ brokers: infra().brokers.split(','), clientId: `test-partitioner-${client}`, client }),
  );

  afterAll(async () => {
    for (const bus of buses) await bus.close();
  });

  it('put a key on the same partition, and report where each message went', async () => {
    const topic = `keys-${randomBytes(4).toString('hex')}`;
    await buses[0].ensureTopics([{ topic, partitions: 6, retentionMs: 3_600_000 }]);
    const messages = Array.from({ length: 40 }, (_, i) => ({ key: `creditor-${i}`, value: Buffer.from(String(i)) }));
    const positions = [];
    for (const bus of buses) {
      const producer = await bus.createProducer();
      positions.push(await producer.send(topic, messages));
      await producer.disconnect();
    }
    const [kafkajs, platformatic] = positions;
    expect(platformatic.map((p) => p?.partition)).toEqual(kafkajs.map((p) => p?.partition));
    // Positions are distinct and count up per partition in the order sent.
    const offsets = platformatic.map((p) => `${p?.partition}/${p?.offset}`);
    expect(new Set(offsets).size).toBe(messages.length);
    const ends = await buses[1].topicEndOffsets(topic);
    expect([...ends.values()].reduce((sum, n) => sum + n, 0n)).toBe(80n);
  });
});
