// kill -9 of the hub, five times during one ingest: the stored set equals the valid produced set
// exactly, every refused message is dead-lettered and recorded once, all feedback goes out.
// FAULTS_SIGNALS sets the signal count (the default keeps the suite within minutes on two cores).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  endState,
  expectedEndState,
  faultSignalCount,
  faultWorkload,
  HubProcess,
  ingestTransactionOpen,
  produceAll,
  waitForIngest,
  type FaultWorkload,
} from '../support/fault-ingest.js';
import { HubWorld } from '../support/hub-harness.js';

const COUNT = faultSignalCount(20_000);
const KILLS = 5;
/** Generous: a full run at FAULTS_SIGNALS=200000 on a loaded two-core machine takes minutes. */
const TIMEOUT_MS = 120_000 + COUNT * 10;

describe(`kill -9 of the hub, ${KILLS} times during an ingest of ${COUNT} signals`, () => {
  const world = new HubWorld('faults_kill', { seedCreditors: true });
  const hubs: HubProcess[] = [];
  let workload: FaultWorkload;

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    // An instance that does not ingest registers the synthetic creditors, then goes.
    await world.stopHub(await world.startHub({ INGEST_ENABLED: 'false', OUTBOX_RELAY_ENABLED: 'false' }));
    workload = faultWorkload(world, {
      count: COUNT,
      seed: 1201,
      municipalities: ['GM0363', 'GM0599', 'GM0344', 'GM0518'],
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    for (const hub of hubs) await hub.stop();
    await world.close();
  });

  it(
    'loses nothing and doubles nothing: stored = valid produced, each refusal dead-lettered and recorded once',
    async () => {
      const stored = () => world.count('SELECT count(*) FROM signal');
      const total = workload.valid.length;
      // The signals arrive in six parts, one before each life of the hub: every life has work, and
      // every kill lands while part of the ingest is still to come.
      const part = Math.ceil(workload.messages.length / (KILLS + 1));
      const produced = (k: number) => workload.messages.slice((k - 1) * part, k * part);
      const kills: Array<{ stored: number; at: string }> = [];
      for (let k = 1; k <= KILLS; k++) {
        await produceAll(world.bus, world.topics.signals, produced(k));
        const hub = await HubProcess.start(world);
        hubs.push(hub);
        const before = await stored();
        // Odd lives die inside a store transaction (or right after a commit, should one finish
        // between two looks); even lives right after a commit, most likely before its offsets are
        // committed, or inside the transaction of the other partition at work.
        const midTransaction = k % 2 === 1;
        const deadline = Date.now() + TIMEOUT_MS;
        let at: string | null = null;
        while (at === null && !hub.exited && Date.now() < deadline) {
          if (midTransaction && (await ingestTransactionOpen(world)) > 0) at = 'in a transaction';
          else if ((await stored()) > before) at = 'after a commit';
          else await new Promise((resolve) => setTimeout(resolve, 25));
        }
        if (at === null) throw new Error(`hub ${k} never got to store:\n${hub.output()}`);
        await hub.kill();
        kills.push({ stored: await stored(), at });
      }
      await produceAll(world.bus, world.topics.signals, produced(KILLS + 1));
      const last = await HubProcess.start(world);
      hubs.push(last);
      const lag = await waitForIngest(world, TIMEOUT_MS);
      if (lag !== 0) throw new Error(`the last hub left ${lag} messages unconsumed:\n${last.output()}`);
      const { state, copies } = await endState(world, workload);
      expect(state).toEqual(expectedEndState(workload));
      // At-least-once on the topics: a kill between a produce and the offset commit leaves a copy,
      // which readers drop by source position (dead letters) or feedback id (feedback).
      process.stdout.write(
        `[faults] kill -9 ×${KILLS} at ${kills.map((k) => `${k.stored} (${k.at})`).join(', ')} stored of ${total}; ` +
          `dead-letter copies ${copies.deadLetters}, feedback copies ${copies.feedback}\n`,
      );
      await last.stop();
    },
    TIMEOUT_MS * 2,
  );
});
