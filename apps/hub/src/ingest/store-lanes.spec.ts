import { describe, expect, it } from '@jest/globals';
import type { AcceptedSignal } from './signal-pipeline.js';
import { splitByLane, storeLaneOf } from './store-lanes.js';

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
