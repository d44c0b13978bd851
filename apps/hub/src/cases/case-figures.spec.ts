import { describe, expect, it } from '@jest/globals';
import { caseFigures, type CaseSignalRow } from './case-figures.js';
import { currentSignal } from './current-signal.fixture.js';

const signal = (caseId: string, changes: Partial<CaseSignalRow> = {}): CaseSignalRow => ({
  ...currentSignal(caseId),
  signal_date: '2026-02-01',
  latest: true,
  ...changes,
});

describe('caseFigures', () => {
  it('counts every signal and creditor but sums only the latest amount of each arrears', () => {
    const [a] = caseFigures(
      ['a'],
      [
        signal('a', { amount_cents: '50000', latest: false, signal_date: '2026-01-15' }),
        signal('a', { amount_cents: '120000', signal_date: '2026-02-15' }),
        signal('a', { creditor_id: 'energie-polderstroom', sector: 'ENERGIE', amount_cents: '30000' }),
      ],
      '2026-03-02',
    );
    expect(a).toMatchObject({
      caseId: 'a',
      hasSignals: true,
      signalCount: 3,
      creditorCount: 2,
      totalAmountCents: 150000n,
      sectors: ['ENERGIE', 'HUUR'],
      firstSignalDate: '2026-01-15',
      lastSignalDate: '2026-02-15',
    });
  });

  it('scores urgency from current arrears only: a withdrawn latest signal no longer counts', () => {
    const [a] = caseFigures(
      ['a'],
      [signal('a', { kind: 'WITHDRAWN', crisis: true }), signal('a', { latest: false, crisis: true })],
      '2026-03-02',
    );
    expect(a).toMatchObject({ signalCount: 2, crisis: false, arrearsSince: null });
    expect(a.urgency.score).toBe(0);
  });

  it('caps the total within bigint, whatever was stored', () => {
    const huge = String(2n ** 62n);
    const [a] = caseFigures(
      ['a'],
      [signal('a', { amount_cents: huge }), signal('a', { creditor_id: 'b', amount_cents: huge })],
      '2026-03-02',
    );
    expect(a.totalAmountCents).toBe(2n ** 63n - 1n);
  });

  it('marks a case without signals, so its figures are left alone', () => {
    const [a] = caseFigures(['a'], [signal('x')], '2026-03-02');
    expect(a).toMatchObject({ caseId: 'a', hasSignals: false, signalCount: 0 });
  });
});
