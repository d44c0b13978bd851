import { DEFAULT_RETENTION_POLICY, retentionDueOn, type RetentionPolicy } from '@signaalhub/domain';

/** A case not yet purged, with the facts that decide its term (Dutch calendar days). */
export interface RetentionCandidate {
  readonly caseId: string;
  readonly municipality: string;
  readonly lastSignalDate: string;
  readonly pickedUpOn: string | null;
  readonly closedOn: string | null;
}

/** Why a case's personal data go: never picked up, or closed after being worked. */
export type RetentionKind = 'NEVER_PICKED_UP' | 'CLOSED_CASE';

export interface RetentionDue extends RetentionCandidate {
  readonly dueOn: string;
  readonly kind: RetentionKind;
}

/** The municipality's terms, the defaults of DOMAIN.md where it set none. */
export function policyOf(policies: ReadonlyMap<string, RetentionPolicy>, municipality: string): RetentionPolicy {
  return policies.get(municipality) ?? DEFAULT_RETENTION_POLICY;
}

/**
 * Each candidate with the day its personal data must be gone, under its municipality's policy; cases
 * kept while they are worked (picked up, open) are left out. The term is the domain's
 * (`retentionDueOn`): the hub, the CLI and the report cannot disagree on it.
 */
export function retentionSchedule(
  candidates: readonly RetentionCandidate[],
  policies: ReadonlyMap<string, RetentionPolicy>,
): RetentionDue[] {
  const due: RetentionDue[] = [];
  for (const c of candidates) {
    const dueOn = retentionDueOn(c, policyOf(policies, c.municipality));
    if (dueOn === null) continue;
    due.push({ ...c, dueOn, kind: c.pickedUpOn === null ? 'NEVER_PICKED_UP' : 'CLOSED_CASE' });
  }
  return due;
}

/** The cases whose term has come on `today` (YYYY-MM-DD): due on that day or before. */
export function dueBy(schedule: readonly RetentionDue[], today: string): RetentionDue[] {
  return schedule.filter((d) => d.dueOn <= today);
}
