import type { CurrentSignalRow } from './case-urgency.repository.js';
import { caseUrgencies, type CaseUrgencyRow } from './case-urgency.js';

/** One stored signal of a case as the figures read it; `latest`: the newest of its arrears. */
export interface CaseSignalRow extends CurrentSignalRow {
  signal_date: string;
  latest: boolean;
}

/** Everything `signal_case` stores about its signals: the figures and the urgency. */
export interface CaseFiguresRow extends CaseUrgencyRow {
  /** False for a case without signals: its figures are left as they are. */
  hasSignals: boolean;
  creditorCount: number;
  signalCount: number;
  /** Sum of the latest amount of each arrears, within bigint: the column can never overflow. */
  totalAmountCents: bigint;
  sectors: string[];
  firstSignalDate: string | null;
  lastSignalDate: string | null;
}

const BIGINT_MAX = 2n ** 63n - 1n;
const BIGINT_MIN = -(2n ** 63n);

/**
 * The figures and urgency of every case in `caseIds` from all of its signals, in one pass over the
 * rows one read returned: the store writes each case once per batch instead of once per figure.
 */
export function caseFigures(
  caseIds: readonly string[],
  rows: readonly CaseSignalRow[],
  asOf: string,
): CaseFiguresRow[] {
  const byCase = new Map<string, CaseSignalRow[]>(caseIds.map((id) => [id, []]));
  for (const row of rows) byCase.get(row.case_id)?.push(row);
  // Urgency reads the current arrears only: the latest signal of each, unless the creditor withdrew it.
  const current = rows.filter((r) => r.latest && r.kind !== 'WITHDRAWN');
  const urgencies = new Map(caseUrgencies(caseIds, current, asOf).map((u) => [u.caseId, u]));
  return [...byCase.entries()].map(([caseId, signals]) => {
    let total = 0n;
    let first: string | null = null;
    let last: string | null = null;
    for (const s of signals) {
      if (s.latest) total += BigInt(s.amount_cents);
      if (first === null || s.signal_date < first) first = s.signal_date;
      if (last === null || s.signal_date > last) last = s.signal_date;
    }
    return {
      ...urgencies.get(caseId)!,
      hasSignals: signals.length > 0,
      creditorCount: new Set(signals.map((s) => s.creditor_id)).size,
      signalCount: signals.length,
      totalAmountCents: total > BIGINT_MAX ? BIGINT_MAX : total < BIGINT_MIN ? BIGINT_MIN : total,
      // Sector names are ASCII capitals and underscores: code-unit order is the database's order too.
      sectors: [...new Set(signals.map((s) => s.sector))].sort(),
      firstSignalDate: first,
      lastSignalDate: last,
    };
  });
}
