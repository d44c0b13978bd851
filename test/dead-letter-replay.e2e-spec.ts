import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  deadLetterKeyFromBase64,
  encodeEnvelope,
  encodeSignal,
  signEnvelope,
  type SignalInit,
} from '@signaalhub/contracts';
import type { Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { readFileSync } from 'node:fs';
import { replayDeadLetters } from '../apps/hub/src/index.js';
import { readTopic } from './support/fault-ingest.js';
import { HubWorld } from './support/hub-harness.js';

const LINDE = 'woningcorporatie-de-linde';

describe('replaying dead letters after their cause is fixed', () => {
  const world = new HubWorld('replay', { seedCreditors: true });
  let producer: Producer;
  let base: SyntheticSignal;

  const signed = (change: Partial<SignalInit>) => {
    const payload = encodeSignal({ ...(base.signal as SignalInit), ...change } as SignalInit);
    const { keyId, privateKey } = world.signer(LINDE);
    const signature = signEnvelope(privateKey, { creditorId: LINDE, keyId, payload });
    return {
      key: `${LINDE}:${String(change.creditorSignalRef)}`,
      value: Buffer.from(encodeEnvelope({ creditorId: LINDE, keyId, payload, signature })),
    };
  };
  const stored = (ref: string) => world.count(`SELECT count(*) FROM signal WHERE creditor_signal_ref = $1`, [ref]);
  const options = () => ({
    keys: [deadLetterKeyFromBase64(readFileSync(world.deadLetterKeyFile, 'utf8'))],
    deadLetterTopic: world.topics.deadLetter,
    signalsTopic: world.topics.signals,
  });

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    await world.startHub();
    producer = await world.bus.createProducer();
    [base] = generateSignals(loadReferenceData(), { count: 40, municipalities: ['GM0363'], seed: 5 }).filter(
      (s) => s.creditorId === LINDE,
    );
  });

  afterAll(() => world.close());

  it('puts back the letters of the chosen reason, which then land; others and unreadable ones stay', async () => {
    await world.db.query(`ALTER TABLE signal ADD CONSTRAINT refuse_replay CHECK (creditor_signal_ref <> 'REPLAY-ME')`);
    await producer.send(world.topics.signals, [
      signed({ creditorSignalRef: 'REPLAY-ME' }),
      signed({ creditorSignalRef: 'OBJECTED', objectionReceived: true }),
    ]);
    // Something on the topic that no key of ours sealed.
    await producer.send(world.topics.deadLetter, [
      { key: 'x', value: Buffer.from('not sealed'), headers: { 'x-reject-reason': 'STORE_FAILED' } },
    ]);
    const ends = await world.eventually(
      async () => [...(await world.bus.topicEndOffsets(world.topics.deadLetter)).values()].reduce((a, b) => a + b, 0n),
      (n) => n >= 3n,
    );
    expect(ends).toBe(3n);
    await world.db.query(`ALTER TABLE signal DROP CONSTRAINT refuse_replay`);

    const dry = await replayDeadLetters(world.bus, { ...options(), reasons: new Set(['STORE_FAILED']), dryRun: true });
    expect(Object.fromEntries(dry.read)).toEqual({ STORE_FAILED: 2, OBJECTION_RECEIVED: 1 });
    expect(dry.replayed.size).toBe(0);
    expect(await stored('REPLAY-ME')).toBe(0);

    const report = await replayDeadLetters(world.bus, { ...options(), reasons: new Set(['STORE_FAILED']) });
    expect(Object.fromEntries(report.replayed)).toEqual({ STORE_FAILED: 1 });
    expect(report.unopenable).toBe(1);
    expect(
      await world.eventually(
        () => stored('REPLAY-ME'),
        (n) => n === 1,
      ),
    ).toBe(1);
    expect(await stored('OBJECTED')).toBe(0);

    // Again: the hub deduplicates what it already stored.
    await replayDeadLetters(world.bus, { ...options(), reasons: new Set(['STORE_FAILED']) });
    await world.eventually(
      () => world.bus.consumerLag(`${world.id}-hub`, world.topics.signals),
      (lag) => lag === 0,
    );
    expect(await stored('REPLAY-ME')).toBe(1);
  });

  it('reads and replays a letter the hub produced twice (a crash before its offset commit) once', async () => {
    await world.db.query(`ALTER TABLE signal ADD CONSTRAINT refuse_twice CHECK (creditor_signal_ref <> 'TWICE')`);
    await producer.send(world.topics.signals, [signed({ creditorSignalRef: 'TWICE' })]);
    const letterOf = async () =>
      (await readTopic(world.bus, world.topics.deadLetter)).filter((m) => m.key?.toString() === `${LINDE}:TWICE`);
    const [letter] = await world.eventually(letterOf, (letters) => letters.length === 1);
    await world.db.query(`ALTER TABLE signal DROP CONSTRAINT refuse_twice`);
    // The copy a restarted hub produces: the same sealed bytes, headers and source position.
    await producer.send(world.topics.deadLetter, [
      {
        key: letter.key,
        value: letter.value,
        headers: Object.fromEntries(Object.entries(letter.headers).map(([name, value]) => [name, value ?? ''])),
      },
    ]);
    expect(await letterOf()).toHaveLength(2);

    const report = await replayDeadLetters(world.bus, { ...options(), reasons: new Set(['STORE_FAILED']) });
    // The letters of the first test, the one unsealed letter, and TWICE once.
    expect(Object.fromEntries(report.replayed)).toEqual({ STORE_FAILED: 2 });
    expect(report.copies).toBe(1);
    expect(
      await world.eventually(
        () => stored('TWICE'),
        (n) => n === 1,
      ),
    ).toBe(1);
  });
});
