import { setTimeout as sleep } from 'node:timers/promises';
import { createKafkaBus, type KafkaClientName } from '@signaalhub/kafka';
import { cpuDelta, sampleCpu, type CpuSample } from '../lib/cpu.js';
import { now } from './support.js';
import type { World } from './world.js';

export interface KafkaRun {
  seconds: number;
  batches: number;
  /** Messages handed to the handler (more than N would mean redeliveries). */
  delivered: number;
  cpu: CpuSample;
}

/** b) A libs/kafka consumer on `client` with the hub's settings whose handler only counts. */
export async function kafkaRun(world: World, round: number, client: KafkaClientName): Promise<KafkaRun> {
  const bus = createKafkaBus({ brokers: world.infra.brokers.split(','), clientId: 'signaalhub-bench-raw', client });
  const group = `${world.prefix}raw-${client}-${round}`;
  world.groups.push(group);
  const consumer = bus.createConsumer({
    groupId: group,
    topics: [world.topics.signals],
    fromBeginning: true,
    concurrency: 2,
  });
  const unregister = world.infra.beforeStop(() => consumer.stop());
  const total = world.options.count;
  // Done when every partition has been read to its end offset: distinct offsets, so a batch
  // delivered twice would not count twice.
  const ends = await world.bus.topicEndOffsets(world.topics.signals);
  const readUpTo = new Map<number, bigint>([...ends.keys()].map((p) => [p, 0n]));
  let remaining = [...ends.values()].filter((end) => end > 0n).length;
  let delivered = 0;
  let batches = 0;
  let finish: (at: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  try {
    const cpu0 = sampleCpu(world.infra);
    const t0 = now();
    await consumer.start(async (batch) => {
      delivered += batch.messages.length;
      batches++;
      const next = BigInt(batch.messages[batch.messages.length - 1].offset) + 1n;
      const before = readUpTo.get(batch.partition) ?? 0n;
      const end = ends.get(batch.partition) ?? 0n;
      if (next > before) readUpTo.set(batch.partition, next);
      if (before < end && next >= end && --remaining === 0) finish(now());
    });
    const timeoutMs = Math.max(120_000, (total / 1000) * 1000);
    const end = await Promise.race([finished, sleep(timeoutMs).then(() => Number.NaN)]);
    const cpu1 = sampleCpu(world.infra);
    const read = [...readUpTo.values()].reduce((a, b) => a + Number(b), 0);
    if (Number.isNaN(end)) throw new Error(`raw consumer read only ${read}/${total} messages`);
    if (delivered !== total)
      process.stderr.write(`[bench] raw consumer: ${delivered} deliveries for ${total} messages\n`);
    return { seconds: (end - t0) / 1000, batches, delivered, cpu: cpuDelta(cpu0, cpu1) };
  } finally {
    unregister();
    await consumer.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
  }
}
