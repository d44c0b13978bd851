import { describe, expect, it } from '@jest/globals';
import { caseFilterOfQueue, checkWorkQueueFilter } from './work-queue-filter.js';

describe('checkWorkQueueFilter', () => {
  it.each([
    ['an empty amount range', { minimumAmountCents: 500, maximumAmountCents: 499 }, 'amount'],
    ['an empty days range', { minimumDaysInArrears: 61, maximumDaysInArrears: 60 }, 'days in arrears'],
    ['a PC4 starting with 0', { pc4s: ['3011', '0999'] }, 'PC4'],
    ['a PC4 of five digits', { pc4s: ['30111'] }, 'PC4'],
    ['a full postcode', { pc4s: ['3011AB'] }, 'PC4'],
  ])('refuses %s', (_name, input, word) => {
    const check = checkWorkQueueFilter(input);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toContain(word);
  });

  it('normalises: lists sorted without repeats, absent and false "unassigned" left out', () => {
    expect(
      checkWorkQueueFilter({
        sectors: ['WATER', 'HUUR', 'WATER'],
        pc4s: ['3012', '3011', '3012'],
        minimumAmountCents: 0,
        unassigned: false,
        crisis: false,
      }),
    ).toEqual({
      ok: true,
      filter: { sectors: ['HUUR', 'WATER'], pc4s: ['3011', '3012'], minimumAmountCents: 0, crisis: false },
    });
    expect(checkWorkQueueFilter({ sectors: [], pc4s: [] })).toEqual({ ok: true, filter: {} });
  });

  it('accepts equal bounds', () => {
    expect(checkWorkQueueFilter({ minimumDaysInArrears: 30, maximumDaysInArrears: 30 }).ok).toBe(true);
  });
});

describe('caseFilterOfQueue', () => {
  it('keeps to open cases and turns days in arrears into bounds on the date the arrears began', () => {
    expect(caseFilterOfQueue({ minimumDaysInArrears: 60, maximumDaysInArrears: 90 }, '2026-03-31')).toEqual({
      openOnly: true,
      arrearsSinceTo: '2026-01-30',
      arrearsSinceFrom: '2025-12-31',
    });
  });

  it('passes every other criterion through', () => {
    expect(
      caseFilterOfQueue(
        {
          sectors: ['HUUR'],
          minimumAmountCents: 100,
          maximumAmountCents: 200,
          pc4s: ['3011'],
          creditorSpread: 'MULTI',
          crisis: true,
          unassigned: true,
        },
        '2026-03-31',
      ),
    ).toEqual({
      openOnly: true,
      sectors: ['HUUR'],
      minimumAmountCents: 100,
      maximumAmountCents: 200,
      pc4s: ['3011'],
      creditorSpread: 'MULTI',
      crisis: true,
      unassigned: true,
    });
  });
});
