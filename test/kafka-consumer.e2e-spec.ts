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
