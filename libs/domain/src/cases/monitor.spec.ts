import { describe, expect, it } from '@jest/globals';
import { discloseCaseResult, type CaseResult } from '../rules/disclosure.js';
import { HELP_ACCEPTED_RESULTS, medianOfCounts, perThousandInhabitants, reportingPeriod, share } from './monitor.js';

describe('help accepted', () => {
  it('counts advice, quick fixes, follow-up help and referrals with the resident, nothing else', () => {
    expect([...HELP_ACCEPTED_RESULTS].sort()).toEqual([
      'ADVICE_OR_QUICK_FIX',
      'FOLLOW_UP_HELP',
      'FOLLOW_UP_HELP_FINANCIAL',
      'FOLLOW_UP_HELP_NON_FINANCIAL',
    ]);
  });

  it('agrees with what a creditor is told', () => {
    for (const result of HELP_ACCEPTED_RESULTS)
      expect(discloseCaseResult(result as CaseResult).status).toBe('HELP_ACCEPTED');
  });
});

describe('reporting period', () => {
  it.each([
    ['2025-01-01', '2025-12-31', 365],
    ['2024-01-01', '2024-12-31', 366],
    ['2025-03-05', '2025-03-05', 1],
  ])('%s to %s is %i days', (from, to, days) => {
    expect(reportingPeriod(from, to)).toEqual({ ok: true, from, to, days });
  });

  it.each([
    ['2025-02-30', '2025-03-01', 'from must be a date YYYY-MM-DD'],
    ['2025-01-01', '20250102', 'to must be a date YYYY-MM-DD'],
    ['2025-01-02', '2025-01-01', 'to must not be before from'],
    ['2024-01-01', '2025-01-01', 'a period covers at most 366 days, not 367'],
  ])('refuses %s to %s', (from, to, problem) => {
    expect(reportingPeriod(from, to)).toEqual({ ok: false, problem });
  });

  it('refuses a period that reaches past the latest day allowed', () => {
    expect(reportingPeriod('2025-01-01', '2025-01-31', '2025-01-30')).toEqual({
      ok: false,
      problem: 'to must not be after 2025-01-30',
    });
    expect(reportingPeriod('2025-01-01', '2025-01-30', '2025-01-30').ok).toBe(true);
  });
});

describe('ratios', () => {
  it('per 1,000 inhabitants to two decimals, null without a population', () => {
    expect(perThousandInhabitants(7, 3000)).toBe(2.33);
    expect(perThousandInhabitants(7, 0)).toBeNull();
    expect(perThousandInhabitants(7, undefined)).toBeNull();
  });

  it('shares to four decimals, null without a whole', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBeNull();
  });
});

describe('median of counts', () => {
  /** percentile_cont(0.5) over the values written out, as PostgreSQL defines it. */
  const medianOf = (values: number[]) => {
    const v = [...values].sort((a, b) => a - b);
    const p = 0.5 * (v.length - 1);
    return v[Math.floor(p)]! + (v[Math.ceil(p)]! - v[Math.floor(p)]!) * (p - Math.floor(p));
  };
  const countsOf = (values: number[]) =>
    [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<number, number>())].map(([value, count]) => ({
      value,
      count,
    }));

  it('takes the middle value, or halfway between the two middle values', () => {
    expect(medianOfCounts([{ value: 3, count: 1 }])).toBe(3);
    expect(medianOfCounts(countsOf([1, 4]))).toBe(2.5);
    expect(medianOfCounts(countsOf([7, 0, 2]))).toBe(2);
    expect(
      medianOfCounts([
        { value: 5, count: 2 },
        { value: -1, count: 2 },
      ]),
    ).toBe(2);
  });

  it('is null without values, and ignores values counted zero times', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([{ value: 9, count: 0 }])).toBeNull();
    expect(
      medianOfCounts([
        { value: 9, count: 0 },
        { value: 1, count: 1 },
      ]),
    ).toBe(1);
  });

  it('equals percentile_cont(0.5) of the values written out, in any order', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + (next() % 60) }, () => (next() % 40) - 5);
      const counts = countsOf(values).sort(() => (next() % 2 ? 1 : -1));
      expect(medianOfCounts(counts)).toBe(medianOf(values));
    }
  });
});
