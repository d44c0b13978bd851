import { spawn } from 'node:child_process';
import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeEnvelope, TOPIC_SIGNALS, verifyEnvelope } from '@signaalhub/contracts';
import { createKafkaBus, type ConsumedMessage, type KafkaBus } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import {
  ensureCreditorKeys,
  loadDutchFaker,
  nationalSignals,
  signedKafkaBatch,
  SYNTHETIC_CREDITORS,
} from '../apps/connectors/src/index.js';

function brokers(): string {
  const kafka = process.env.SIGNAALHUB_TEST_KAFKA;
  if (!kafka) throw new Error('integration tests run through the global setup (npm test)');
  return kafka;
}

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', './tools/ts/register.mjs', 'apps/connectors/src/simulator/simulate-cli.ts', ...args],
      { env: { ...process.env, ...env }, stdio: 'pipe' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run simulate: the national stream on a real broker', () => {
  const id = `t${randomBytes(4).toString('hex')}`;
  const prefix = `${id}.`;
  const topic = prefix + TOPIC_SIGNALS;
  const keysDir = mkdtempSync(join(tmpdir(), 'signaalhub-simulate-keys-'));
  let bus: KafkaBus;

  beforeAll(() => {
    bus = createKafkaBus({ brokers: brokers().split(','), clientId: 'test-simulate' });
  });
  afterAll(async () => {
    await bus.close();
  });

  it('produces exactly the seeded stream, signed with each creditor key, with progress and rate on stderr', async () => {
    const count = 300;
    const { code, stdout, stderr } = await run(
      ['--signals', String(count), '--seed', '11', '--invalid-share', '0.1', '--rate', '5000'],
      { KAFKA_BROKERS: brokers(), KAFKA_TOPIC_PREFIX: prefix, CREDITOR_KEYS_DIR: keysDir },
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`${count} / ${count} (100%) at`) });
    expect(stderr).toMatch(/signals\/s/);
    expect(stdout).toContain(`Published ${count} signals to ${topic} (seed 11)`);

    const received: ConsumedMessage[] = [];
    const consumer = bus.createConsumer({ groupId: `${id}-read`, topics: [topic], fromBeginning: true });
    await consumer.start(async (batch) => {
      received.push(...batch.messages);
    });
    try {
      const deadline = Date.now() + 30_000;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await consumer.stop();
    }
    expect(received).toHaveLength(count);

    // The same seed in this process, signed with the keys the CLI kept: the same bytes, in the same
    // order per key (Kafka orders per partition, and one key always lands in one partition). The CLI
    // signs each produced chunk as one batch per creditor; 300 signals at this rate are one chunk.
    const keys = ensureCreditorKeys(
      keysDir,
      SYNTHETIC_CREDITORS.map((c) => c.id),
    );
    const expected = signedKafkaBatch(keys)([
      ...nationalSignals(loadReferenceData(), await loadDutchFaker(11), { count, seed: 11, invalidShare: 0.1 }),
    ]);
    const perKey = (records: Array<{ key: string; value: Buffer }>) => {
      const grouped = new Map<string, string[]>();
      for (const r of records) grouped.set(r.key, [...(grouped.get(r.key) ?? []), r.value.toString('base64')]);
      return Object.fromEntries([...grouped].sort(([a], [b]) => a.localeCompare(b)));
    };
    const got = received
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))
      .map((m) => ({ key: (m.key as Buffer).toString(), value: m.value as Buffer }));
    expect(perKey(got)).toEqual(perKey(expected));

    for (const m of got) {
      const envelope = decodeEnvelope(m.value);
      const key = keys.get(envelope.creditorId);
      expect(envelope.keyId).toBe(key?.keyId);
      expect(verifyEnvelope(createPublicKey(key?.publicKeyPem as string), envelope)).toBe(true);
    }
  });

  it('refuses a bad option with exit code 64 and sends nothing', async () => {
    const { code, stderr } = await run(['--signals', '5', '--invalid-share', '2'], {
      KAFKA_BROKERS: brokers(),
      KAFKA_TOPIC_PREFIX: `${id}-bad.`,
      CREDITOR_KEYS_DIR: keysDir,
    });
    expect(code).toBe(64);
    expect(stderr).toContain('invalid share must lie between 0 and 1');
    expect(await bus.topicEndOffsets(`${id}-bad.${TOPIC_SIGNALS}`).catch(() => new Map())).toEqual(new Map());
  });
});
