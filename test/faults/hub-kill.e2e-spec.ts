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
    await produceAll(world.bus, world.topics.signals, workload.messages);
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
      const kills: Array<{ stored: number; at: string }> = [];
      for (let k = 1; k <= KILLS; k++) {
        const hub = await HubProcess.start(world);
        hubs.push(hub);
        const before = await stored();
        // Odd lives die inside a store transaction; even lives right after one committed, most
        // likely before its offsets are (or inside the next partition's transaction).
        const midTransaction = k % 2 === 1;
        const moment = await world.eventually(
          async () =>
            hub.exited ? 'exited' : midTransaction ? await ingestTransactionOpen(world) : (await stored()) - before,
          (n) => n === 'exited' || n > 0,
          TIMEOUT_MS,
        );
        if (moment === 'exited' || moment === 0) throw new Error(`hub ${k} never got to store:\n${hub.output()}`);
        await hub.kill();
        kills.push({ stored: await stored(), at: midTransaction ? 'in a transaction' : 'after a commit' });
      }
      // Every kill landed during the ingest, not after it.
      expect(kills.filter((kill) => kill.stored < total)).toHaveLength(KILLS);

      const last = await HubProcess.start(world);
      hubs.push(last);
      expect(await waitForIngest(world, TIMEOUT_MS)).toBe(0);
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
