import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { reportScope } from './report-scope.js';
import { dueBy, retentionSchedule, type RetentionCandidate } from './retention-plan.js';

const candidate = (change: Partial<RetentionCandidate>): RetentionCandidate => ({
  caseId: 'c',
  municipality: 'GM0599',
  lastSignalDate: '2026-01-31',
  pickedUpOn: null,
  closedOn: null,
  ...change,
});

describe('the retention schedule', () => {
  it('gives each case its due day under its own municipality’s policy, defaults elsewhere', () => {
    const policies = new Map([['GM0363', { unpickedSignalMonths: 1, closedCaseMonths: 2 }]]);
    const schedule = retentionSchedule(
      [
        candidate({ caseId: 'rdam-unpicked' }),
        candidate({ caseId: 'adam-unpicked', municipality: 'GM0363' }),
        candidate({ caseId: 'adam-closed', municipality: 'GM0363', pickedUpOn: '2026-02-01', closedOn: '2026-03-31' }),
        candidate({ caseId: 'rdam-worked', pickedUpOn: '2026-02-01' }),
      ],
      policies,
    );
    expect(schedule.map((d) => [d.caseId, d.kind, d.dueOn])).toEqual([
      ['rdam-unpicked', 'NEVER_PICKED_UP', '2026-07-31'],
      ['adam-unpicked', 'NEVER_PICKED_UP', '2026-02-28'],
      ['adam-closed', 'CLOSED_CASE', '2026-05-31'],
    ]);
  });

  it('is due on the due day itself, not the day before', () => {
    const schedule = retentionSchedule([candidate({})], new Map());
    expect(dueBy(schedule, '2026-07-30')).toEqual([]);
    expect(dueBy(schedule, '2026-07-31').map((d) => d.caseId)).toEqual(['c']);
  });
});

describe('the scope of a privacy report', () => {
  const principal = (roles: Principal['roles'], municipality: string | null = null): Principal => ({
    subject: 's',
    roles,
    municipality,
    creditor: null,
  });
  const code = (p: Principal) => {
    try {
      reportScope(p);
      return 'ok';
    } catch (error) {
      return (error as HubException).code;
    }
  };

  it('is the officer’s municipality for a privacy officer, the whole hub for an operator', () => {
    expect(reportScope(principal(['privacy_officer'], 'GM0599'))).toEqual({
      kind: 'MUNICIPALITY',
      municipality: 'GM0599',
    });
    expect(reportScope(principal(['operator']))).toEqual({ kind: 'HUB' });
    // An officer who is also an operator still sees only their municipality.
    expect(reportScope(principal(['operator', 'privacy_officer'], 'GM0599')).kind).toBe('MUNICIPALITY');
  });

  it('is refused to everybody else', () => {
    expect(code(principal(['worker'], 'GM0599'))).toBe('FORBIDDEN');
    expect(code(principal(['team_lead'], 'GM0599'))).toBe('FORBIDDEN');
    expect(code(principal(['privacy_officer']))).toBe('FORBIDDEN');
  });
});
