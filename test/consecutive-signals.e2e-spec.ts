import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { addDays, dutchDateOf } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals, type SyntheticSignal } from '../apps/connectors/src/index.js';
import { gql } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const MUNICIPALITY = 'GM0363';
const HOUSEHOLDS = 40;

describe('consecutive signals after the matching period, ingested by two hub instances at once', () => {
  const world = new HubWorld('consecutive', { seedCreditors: true });
  let first: INestApplication;
  const today = dutchDateOf(new Date());
  const wave = (signalDate: string, suffix: string): SyntheticSignal[] =>
    generateSignals(loadReferenceData(), {
      count: 600,
      municipalities: [MUNICIPALITY],
      seed: 29,
      households: HOUSEHOLDS,
      signalDate,
    }).map((s) => ({ ...s, signal: { ...s.signal, creditorSignalRef: `${s.signal.creditorSignalRef}-${suffix}` } }));
  const send = async (signals: SyntheticSignal[]) => {
    const producer = await world.bus.createProducer();
    for (let i = 0; i < signals.length; i += 200) {
      await producer.send(world.topics.signals, world.records(signals.slice(i, i + 200)));
    }
  };

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    first = await world.startHub();
    const operator = await world.token({ roles: ['operator'] });
    const policy = await gql(
      first,
      `mutation P($input: SetMunicipalityPolicyInput!) { setMunicipalityPolicy(input: $input) { municipality } }`,
      { input: { municipality: MUNICIPALITY, minimumAmountCents: 0, matchingPeriodDays: 30 } },
      operator,
    );
    expect(policy.errors).toBeUndefined();
  });

  afterAll(() => world.close());

  it('keeps one open case per household, supersedes each old case once and loses no signal', async () => {
    // The first wave, 45 days ago, opens one case per household (period: 30 days).
    await send(wave(addDays(today, -45), 'A'));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 600,
    );
    expect(await world.count('SELECT count(*) FROM signal_case')).toBe(HOUSEHOLDS);
    // The second wave, today, through two more instances: batches of both touch the same households.
    const second = await world.startHub();
    const third = await world.startHub();
    await send(wave(today, 'B'));
    // A unique violation would refuse signals (STORE_FAILED): every one of them stored proves none happened.
    expect(
      await world.eventually(
        () => world.count('SELECT count(*) FROM signal'),
        (n) => n >= 1200,
      ),
    ).toBe(1200);
    expect(await world.count('SELECT count(*) FROM signal_case WHERE closed_at IS NULL')).toBe(HOUSEHOLDS);
    expect(await world.count('SELECT count(*) FROM signal_case WHERE superseded_at IS NOT NULL')).toBe(HOUSEHOLDS);
    expect(await world.count('SELECT count(*) FROM signal_case')).toBe(2 * HOUSEHOLDS);
    // Each open case follows the household's superseded one and holds exactly the second wave.
    expect(
      await world.count(
        `SELECT count(*) FROM signal_case c JOIN signal_case p ON p.id = c.predecessor_id
         WHERE c.closed_at IS NULL AND p.superseded_at IS NOT NULL AND p.household_id = c.household_id`,
      ),
    ).toBe(HOUSEHOLDS);
    expect(
      await world.count(
        `SELECT count(*) FROM signal s JOIN signal_case c ON c.id = s.case_id
         WHERE (c.closed_at IS NULL) <> (s.creditor_signal_ref LIKE '%-B')`,
      ),
    ).toBe(0);
    expect(
      await world.count(
        `SELECT count(*) FROM signal_case c
         WHERE c.signal_count <> (SELECT count(*) FROM signal s WHERE s.case_id = c.id) OR c.urgency_version IS NULL`,
      ),
    ).toBe(0);
    await world.stopHub(second);
    await world.stopHub(third);
  });
});
