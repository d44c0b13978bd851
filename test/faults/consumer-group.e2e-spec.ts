// Two hub instances in one consumer group, many households each receiving signals from several
// creditors at once: the creditors' messages of one household land on different partitions, so the
// two instances store them concurrently. Never two open cases for one household; every signal once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  endState,
  expectedEndState,
  faultSignalCount,
  faultWorkload,
  HubProcess,
  produceAll,
  waitForIngest,
} from '../support/fault-ingest.js';
import { HubWorld } from '../support/hub-harness.js';

const COUNT = faultSignalCount(8_000);
/** About twenty signals per household, from the synthetic creditors of every sector. */
const HOUSEHOLDS = Math.max(1, Math.floor(COUNT / 20));
const TIMEOUT_MS = 120_000 + COUNT * 10;

describe(`two hub instances in one consumer group, ${COUNT} signals for ${HOUSEHOLDS} households`, () => {
  const world = new HubWorld('faults_group', { seedCreditors: true });
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    await world.stopHub(await world.startHub({ INGEST_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' }));
  }, TIMEOUT_MS);

  afterAll(async () => {
    for (const hub of hubs) await hub.stop();
    await world.close();
  });

  it(
    'never opens two cases for one household, and stores every signal once',
    async () => {
      const workload = faultWorkload(world, {
        count: COUNT,
        seed: 1204,
        municipalities: ['GM0363', 'GM0599'],
        households: HOUSEHOLDS,
      });
      hubs.push(await HubProcess.start(world), await HubProcess.start(world));
      for (const hub of hubs) {
        const status = await world.eventually(
          () => hub.readiness(),
          (s) => s === 200 || hub.exited,
          TIMEOUT_MS,
        );
        if (status !== 200) throw new Error(`a hub did not get ready:\n${hub.output()}`);
      }
      await produceAll(world.bus, world.topics.signals, workload.messages);
      const lag = await waitForIngest(world, TIMEOUT_MS);
      if (lag !== 0) throw new Error(`${lag} messages left unconsumed:\n${hubs.map((h) => h.output()).join('\n')}`);

      // Both instances took part: each stored a share of the signals.
      const storedBy = await Promise.all(hubs.map((hub) => hub.counter('signaalhub_signals_stored_total')));
      expect(storedBy.map((n) => n > 0)).toEqual([true, true]);

      const { state } = await endState(world, workload);
      expect(state).toEqual(expectedEndState(workload));
      // One household row per address, one open case per household, and every signal of an
      // address in that one case (all signals share a date, so no case was superseded).
      expect(
        await world.count(
          `SELECT count(*) FROM (SELECT 1 FROM household GROUP BY municipality, household_key HAVING count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await world.count(
          `SELECT count(*) FROM (SELECT 1 FROM signal_case c JOIN household h ON h.id = c.household_id
           WHERE c.closed_at IS NULL GROUP BY h.municipality, h.household_key HAVING count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await world.count(
          `SELECT count(*) FROM (SELECT 1 FROM signal WHERE routing = 'ROUTED'
           GROUP BY municipality, household_key HAVING count(DISTINCT case_id) > 1) d`,
        ),
      ).toBe(0);
      // Households really received signals from several creditors at once.
      expect(await world.count(`SELECT count(*) FROM signal_case WHERE creditor_count > 1`)).toBeGreaterThan(
        HOUSEHOLDS / 2,
      );
      expect(await world.count('SELECT count(*) FROM signal_case')).toBe(
        await world.count('SELECT count(DISTINCT (municipality, household_key)) FROM signal'),
      );
    },
    TIMEOUT_MS * 2,
  );
});
