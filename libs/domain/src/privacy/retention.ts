// Retention by policy (DOMAIN.md, Privacy): the statutory term for signal data at the municipality
// was not confirmed, so the terms are configuration per municipality with conservative defaults.
// After the term the personal data are deleted, not flagged; pseudonymised counts stay.

import { addMonths } from '../rules/calendar.js';

export interface RetentionPolicy {
  /** Months after the signal date that a signal never picked up keeps its personal data. */
  readonly unpickedSignalMonths: number;
  /** Months after closing that a closed case keeps its personal data. */
  readonly closedCaseMonths: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = Object.freeze({
  unpickedSignalMonths: 6,
  closedCaseMonths: 12,
});

/** What decides when a case's personal data are due for deletion. */
export interface RetentionFacts {
  /** YYYY-MM-DD of the case's latest signal. */
  readonly lastSignalDate: string;
  /** YYYY-MM-DD the case was picked up, or null. */
  readonly pickedUpOn: string | null;
  /** YYYY-MM-DD the case was closed, or null while open. */
  readonly closedOn: string | null;
}

/**
 * The day from which a case's personal data must be gone, or null while it must be kept (an open,
 * picked-up case is being worked: its term starts when it closes). A case never picked up is due six
 * months (by default) after its latest signal, also when it was closed unpicked.
 */
export function retentionDueOn(
  facts: RetentionFacts,
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
): string | null {
  if (facts.pickedUpOn === null) {
    const unpicked = addMonths(facts.lastSignalDate, policy.unpickedSignalMonths);
    if (facts.closedOn === null) return unpicked;
    const closed = addMonths(facts.closedOn, policy.closedCaseMonths);
    return unpicked < closed ? unpicked : closed;
  }
  return facts.closedOn === null ? null : addMonths(facts.closedOn, policy.closedCaseMonths);
}

/** Whether the personal data are due for deletion on `today` (YYYY-MM-DD). */
export function isRetentionDue(facts: RetentionFacts, today: string, policy?: RetentionPolicy): boolean {
  const due = retentionDueOn(facts, policy);
  return due !== null && due <= today;
}
