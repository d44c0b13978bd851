import { urgencyOf, type Urgency } from '@signaalhub/domain';
import type { CurrentSignalRow } from './case-urgency.repository.js';

/** What is stored on a case from its current signals: the urgency, the oldest arrears, any crisis. */
export interface CaseUrgencyRow {
  caseId: string;
  urgency: Urgency;
  /** YYYY-MM-DD of the oldest current arrears; null when no arrears are current. */
  arrearsSince: string | null;
  crisis: boolean;
}

/** The urgency of every case in `caseIds` (one without current signals scores as empty) as of `asOf`. */
export function caseUrgencies(
  caseIds: readonly string[],
  signals: readonly CurrentSignalRow[],
  asOf: string,
): CaseUrgencyRow[] {
  const byCase = new Map<string, CurrentSignalRow[]>(caseIds.map((id) => [id, []]));
  for (const s of signals) byCase.get(s.case_id)?.push(s);
  return [...byCase.entries()].map(([caseId, rows]) => ({
    caseId,
    urgency: urgencyOf({
      asOf,
      signals: rows.map((s) => ({
        creditorId: s.creditor_id,
        sector: s.sector,
        kind: s.kind,
        amountCents: BigInt(s.amount_cents),
        arrearsSince: s.arrears_since,
        supplyEndDate: s.supply_end_date,
        crisis: s.crisis,
        warmHandover: s.warm_handover,
      })),
    }),
    arrearsSince: rows.reduce<string | null>((o, s) => (o === null || s.arrears_since < o ? s.arrears_since : o), null),
    crisis: rows.some((s) => s.crisis),
  }));
}
