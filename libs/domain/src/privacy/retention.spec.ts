import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETENTION_POLICY, isRetentionDue, retentionDueOn } from './retention.js';

describe('retention by policy', () => {
  it.each<[string, { lastSignalDate: string; pickedUpOn: string | null; closedOn: string | null }, string | null]>([
    [
      'never picked up: 6 months after the latest signal',
      { lastSignalDate: '2026-01-31', pickedUpOn: null, closedOn: null },
      '2026-07-31',
    ],
    [
      'picked up and open: kept while it is worked',
      { lastSignalDate: '2026-01-10', pickedUpOn: '2026-01-12', closedOn: null },
      null,
    ],
    [
      'closed after pick-up: 12 months after closing',
      { lastSignalDate: '2026-01-10', pickedUpOn: '2026-01-12', closedOn: '2026-03-01' },
      '2027-03-01',
    ],
    [
      'closed unpicked: the earlier of both terms',
      { lastSignalDate: '2026-01-10', pickedUpOn: null, closedOn: '2026-02-01' },
      '2026-07-10',
    ],
  ])('%s', (_case, facts, due) => {
    expect(retentionDueOn(facts)).toBe(due);
  });

  it('follows a municipality’s own terms', () => {
    const facts = { lastSignalDate: '2026-01-10', pickedUpOn: '2026-01-12', closedOn: '2026-03-01' };
    expect(retentionDueOn(facts, { ...DEFAULT_RETENTION_POLICY, closedCaseMonths: 24 })).toBe('2028-03-01');
  });

  it('is due on the day itself, not the day before', () => {
    const facts = { lastSignalDate: '2026-01-31', pickedUpOn: null, closedOn: null };
    expect(isRetentionDue(facts, '2026-07-30')).toBe(false);
    expect(isRetentionDue(facts, '2026-07-31')).toBe(true);
  });
});
