import { describe, expect, it } from '@jest/globals';
import { caseUrgencies } from './case-urgency.js';
import { currentSignal } from './current-signal.fixture.js';

const signal = currentSignal;

describe('caseUrgencies', () => {
  it('scores each case from its own signals, with the oldest arrears and any crisis', () => {
    const [a, b] = caseUrgencies(
      ['a', 'b'],
      [
        signal('a'),
        signal('a', {
          creditor_id: 'energie-polderstroom',
          sector: 'ENERGIE',
          arrears_since: '2025-12-01',
          crisis: true,
        }),
        signal('b', { amount_cents: '5000', arrears_since: '2026-03-01' }),
      ],
      '2026-03-02',
    );
    expect(a).toMatchObject({ caseId: 'a', arrearsSince: '2025-12-01', crisis: true });
    expect(a.urgency.factors.find((f) => f.name === 'creditors')).toEqual({ name: 'creditors', value: 1, points: 15 });
    expect(b).toMatchObject({ caseId: 'b', arrearsSince: '2026-03-01', crisis: false });
    expect(b.urgency.score).toBe(0);
  });

  it('scores a case without current signals as empty, so a withdrawn case sinks', () => {
    const [only] = caseUrgencies(['gone'], [], '2026-03-02');
    expect(only).toMatchObject({ caseId: 'gone', arrearsSince: null, crisis: false });
    expect(only.urgency.score).toBe(0);
    expect(only.urgency.version).toBe('2026-12');
  });

  it('ignores signals of cases it was not asked about', () => {
    expect(caseUrgencies(['a'], [signal('x')], '2026-03-02').map((r) => r.caseId)).toEqual(['a']);
  });
});
