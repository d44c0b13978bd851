import type { CurrentSignalRow } from './case-urgency.repository.js';

/** A case's current signal for the cases specs: one rent arrears of €1,000 since 2026-01-01. */
export function currentSignal(caseId: string, changes: Partial<CurrentSignalRow> = {}): CurrentSignalRow {
  return {
    case_id: caseId,
    creditor_id: 'woningcorporatie-de-linde',
    sector: 'HUUR',
    kind: 'NEW',
    amount_cents: '100000',
    arrears_since: '2026-01-01',
    supply_end_date: '',
    crisis: false,
    warm_handover: false,
    ...changes,
  };
}
