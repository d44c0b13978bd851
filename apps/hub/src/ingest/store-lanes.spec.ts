import { describe, expect, it } from '@jest/globals';
import type { AcceptedSignal } from './signal-pipeline.js';
import { resultPerPart, splitByLane, StoreLane, storeLaneOf } from './store-lanes.js';

const routed = (municipality: string, householdKey: string, ref: string) =>
  ({
    creditorId: 'woningcorporatie-de-linde',
    routing: { kind: 'routed', municipality },
    signal: { householdKey, creditorSignalRef: ref },
  }) as unknown as AcceptedSignal;

const unrouted = (ref: string) =>
  ({
    creditorId: 'energie-polderstroom',
    routing: { kind: 'unrouted' },
    signal: { householdKey: 'same-for-all', creditorSignalRef: ref },
  }) as unknown as AcceptedSignal;

describe('store lanes', () => {
  it('puts every signal of one household in one lane, whatever the creditor or arrears', () => {
    const lanes = new Set(Array.from({ length: 50 }, (_, i) => storeLaneOf(routed('GM0363', 'hh-1', `ref-${i}`))));
    expect(lanes.size).toBe(1);
  });

  it('tells apart the same household key in another municipality, and uses every lane', () => {
    const signals = Array.from({ length: 200 }, (_, i) => routed(i % 2 ? 'GM0363' : 'GM0599', `hh-${i >> 1}`, 'r'));
    const used = new Set(signals.map((s) => storeLaneOf(s)));
    expect(used).toEqual(new Set([0, 1]));
  });

  it('spreads unrouted signals by their arrears, not by an address they do not have', () => {
    const used = new Set(Array.from({ length: 50 }, (_, i) => storeLaneOf(unrouted(`ref-${i}`))));
    expect(used.size).toBe(2);
  });

  it('splits a batch into parts that keep each signal once, in batch order', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ n: i, signal: routed('GM0363', `hh-${i % 7}`, `r${i}`) }));
    const parts = splitByLane(items);
    expect(parts).toHaveLength(2);
    expect(
      parts
        .flat()
        .map((p) => p.n)
        .sort((a, b) => a - b),
    ).toEqual(items.map((p) => p.n));
    for (const part of parts) expect(part.map((p) => p.n)).toEqual([...part.map((p) => p.n)].sort((a, b) => a - b));
  });
});

/** A lane whose groups finish when the test says so, recording each group it was given. */
function controlledLane(maxGroup?: number) {
  const groups: string[][] = [];
  const finish: Array<(results: Array<PromiseSettledResult<string>>) => void> = [];
  const lane = new StoreLane<string, string>((group) => {
    groups.push(group);
    return new Promise((resolve) => finish.push(resolve));
  }, maxGroup);
  const done = (i: number, results?: Array<PromiseSettledResult<string>>) =>
    finish[i]!(results ?? groups[i]!.map((w) => ({ status: 'fulfilled', value: `stored ${w}` })));
  return { lane, groups, done };
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('a store lane', () => {
  it('runs work at once when idle, and all that waited behind it as one group, in arrival order', async () => {
    const { lane, groups, done } = controlledLane();
    const first = lane.run('a');
    const waiting = ['b', 'c', 'd'].map((w) => lane.run(w));
    await settle();
    expect(groups).toEqual([['a']]);
    done(0);
    expect(await first).toBe('stored a');
    await settle();
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    done(1);
    expect(await Promise.all(waiting)).toEqual(['stored b', 'stored c', 'stored d']);
  });

  it('never groups more than its bound', async () => {
    const { lane, groups, done } = controlledLane(2);
    const all = ['a', 'b', 'c', 'd', 'e'].map((w) => lane.run(w));
    for (let i = 0; i < 3; i++) {
      await settle();
      done(i);
    }
    await Promise.all(all);
    expect(groups).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('settles each piece of work of a group on its own', async () => {
    const { lane, done } = controlledLane();
    const first = lane.run('a');
    const [ok, bad] = [lane.run('b'), lane.run('c')];
    await settle();
    done(0);
    await first;
    await settle();
    done(1, [
      { status: 'fulfilled', value: 'stored b' },
      { status: 'rejected', reason: new Error('c refused') },
    ]);
    expect(await ok).toBe('stored b');
    await expect(bad).rejects.toThrow('c refused');
  });

  it('fails every piece of a group whose run throws, and goes on with the next group', async () => {
    let calls = 0;
    const lane = new StoreLane<string, string>(async (group) => {
      calls++;
      if (group.includes('boom')) throw new Error('connection lost');
      return group.map((w) => ({ status: 'fulfilled', value: w }));
    });
    const runs = [lane.run('x'), lane.run('boom'), lane.run('y')];
    const results = await Promise.allSettled(runs);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await lane.run('z')).toBe('z');
    expect(calls).toBe(3);
  });
});

describe('the result of a group, per part', () => {
  it('gives each part its own stored signals and counts the rest of it as duplicates', () => {
    const [a1, a2, b1, b2] = ['a1', 'a2', 'b1', 'b2'].map((ref) => routed('GM0363', 'hh', ref));
    const parts = resultPerPart([[a1!, a2!], [b1!, b2!], []], { stored: [a2!, b1!, b2!], duplicates: 1 });
    expect(parts).toEqual([
      { stored: [a2], duplicates: 1 },
      { stored: [b1, b2], duplicates: 0 },
      { stored: [], duplicates: 0 },
    ]);
  });
});
