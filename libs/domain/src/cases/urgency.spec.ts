import { describe, expect, it } from '@jest/globals';
import { MAX_URGENCY_SCORE, URGENCY_MODEL, urgencyOf, type UrgencyFacts } from './urgency.js';

type Signal = UrgencyFacts['signals'][number];
const AS_OF = '2026-12-01';
const signal = (change: Partial<Signal> = {}): Signal => ({
  creditorId: 'woningcorporatie-de-linde',
  sector: 'HUUR',
  kind: 'NEW',
  amountCents: 50_000n,
  arrearsSince: '2026-11-01',
  supplyEndDate: '',
  crisis: false,
  warmHandover: false,
  ...change,
});
const points = (signals: Signal[]) =>
  Object.fromEntries(urgencyOf({ asOf: AS_OF, signals }).factors.map((f) => [f.name, f.points]));

describe('urgency, model 2026-12', () => {
  it('names its version and lists every factor, also those that scored nothing', () => {
    const urgency = urgencyOf({ asOf: AS_OF, signals: [signal()] });
    expect(urgency.version).toBe('2026-12');
    expect(urgency.factors.map((f) => f.name)).toEqual(URGENCY_MODEL.factors.map((f) => f.name));
    expect(urgency.score).toBe(urgency.factors.reduce((sum, f) => sum + f.points, 0));
  });

  it.each<[string, Signal[], Record<string, number>]>([
    ['one creditor, €500, 30 days', [signal()], { creditors: 0, totalAmount: 2, daysInArrears: 2 }],
    [
      'three creditors',
      [signal(), signal({ creditorId: 'energie-polderstroom', sector: 'ENERGIE' }), signal({ creditorId: 'cak' })],
      { creditors: 30 },
    ],
    [
      'six creditors: capped at 45',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((creditorId) => signal({ creditorId })),
      { creditors: 45 },
    ],
    ['two signals of one creditor count once', [signal(), signal({ kind: 'UPDATE' })], { creditors: 0 }],
    ['€4,999.99 in arrears', [signal({ amountCents: 499_999n })], { totalAmount: 24 }],
    ['€100,000 in arrears: capped at 25', [signal({ amountCents: 10_000_000n })], { totalAmount: 25 }],
    ['a year in arrears: capped at 20', [signal({ arrearsSince: '2025-12-01' })], { daysInArrears: 20 }],
    ['rent 59 days in arrears', [signal({ arrearsSince: '2026-10-03' })], { rentArrearsTwoMonths: 0 }],
    ['rent 60 days in arrears', [signal({ arrearsSince: '2026-10-02' })], { rentArrearsTwoMonths: 20 }],
    [
      'water 90 days in arrears is not rent',
      [signal({ sector: 'WATER', arrearsSince: '2026-09-02' })],
      { rentArrearsTwoMonths: 0 },
    ],
    [
      'end of supply in 15 days',
      [signal({ sector: 'ENERGIE', kind: 'END_OF_SUPPLY', supplyEndDate: '2026-12-16' })],
      { endOfSupply: 25, endOfSupplyWithinTwoWeeks: 0 },
    ],
    [
      'end of supply in 14 days',
      [signal({ sector: 'ENERGIE', kind: 'END_OF_SUPPLY', supplyEndDate: '2026-12-15' })],
      { endOfSupply: 25, endOfSupplyWithinTwoWeeks: 15 },
    ],
    ['crisis', [signal({ crisis: true })], { crisis: 40 }],
    ['warm hand-over', [signal({ warmHandover: true })], { warmHandover: 15 }],
  ])('%s', (_case, signals, expected) => {
    expect(points(signals)).toMatchObject(expected);
  });

  it('ranks a multi-creditor case above a single small one', () => {
    const multi = urgencyOf({
      asOf: AS_OF,
      signals: [
        signal({ amountCents: 80_000n }),
        signal({ creditorId: 'energie-polderstroom', sector: 'ENERGIE', amountCents: 30_000n }),
        signal({ creditorId: 'zorgverzekeraar-noordzorg', sector: 'ZORG', amountCents: 20_000n }),
      ],
    });
    const single = urgencyOf({ asOf: AS_OF, signals: [signal({ amountCents: 9_000n })] });
    expect(multi.score).toBeGreaterThan(single.score);
  });

  it('never exceeds the sum of the caps', () => {
    const everything = urgencyOf({
      asOf: AS_OF,
      signals: ['a', 'b', 'c', 'd', 'e'].map((creditorId) =>
        signal({
          creditorId,
          kind: 'END_OF_SUPPLY',
          amountCents: 100_000_000n,
          arrearsSince: '2020-01-01',
          supplyEndDate: '2026-12-02',
          crisis: true,
          warmHandover: true,
        }),
      ),
    });
    expect(everything.score).toBe(MAX_URGENCY_SCORE);
    expect(MAX_URGENCY_SCORE).toBe(205);
  });
});
