// Definitions behind the municipality figures of the national monitor (Monitor Vroegsignalering):
// which end results count as help accepted, and which periods a report may cover.

import { CASE_RESULTS, discloseCaseResult, type CaseResult } from '../rules/disclosure.js';

/**
 * End results that count as "help accepted": the resident took (budget) advice or a quick fix, or
 * follow-up help or a referral (financial or not). Derived from the disclosure rules, so the figure
 * and what a creditor is told (HELP_ACCEPTED) can never disagree. Not counted: a referral without the
 * resident's involvement, the resident managing alone, no contact, and every not-picked-up result.
 */
export const HELP_ACCEPTED_RESULTS: readonly CaseResult[] = (Object.keys(CASE_RESULTS) as CaseResult[]).filter(
  (result) => discloseCaseResult(result).status === 'HELP_ACCEPTED',
);

/** A report covers at most a year (a leap year included): the monitor's longest period. */
export const MAX_REPORTING_DAYS = 366;

export type ReportingPeriod =
  | { readonly ok: true; readonly from: string; readonly to: string; readonly days: number }
  | { readonly ok: false; readonly problem: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, else null (2025-02-30 is not a date). */
export function dayNumber(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/**
 * A reporting period of whole days, both ends inclusive. `latestTo` (YYYY-MM-DD), when given, is the
 * last day the period may reach: a delivery to CBS covers days that are over.
 */
export function reportingPeriod(from: string, to: string, latestTo?: string): ReportingPeriod {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (start === null) return { ok: false, problem: 'from must be a date YYYY-MM-DD' };
  if (end === null) return { ok: false, problem: 'to must be a date YYYY-MM-DD' };
  if (end < start) return { ok: false, problem: 'to must not be before from' };
  const days = end - start + 1;
  if (days > MAX_REPORTING_DAYS) {
    return { ok: false, problem: `a period covers at most ${MAX_REPORTING_DAYS} days, not ${days}` };
  }
  if (latestTo !== undefined && to > latestTo) return { ok: false, problem: `to must not be after ${latestTo}` };
  return { ok: true, from, to, days };
}

/** `count` per 1,000 inhabitants, to two decimals; null when the population is unknown or zero. */
export function perThousandInhabitants(count: number, inhabitants: number | null | undefined): number | null {
  if (!inhabitants || inhabitants <= 0) return null;
  return Math.round((count * 100_000) / inhabitants) / 100;
}

/** `part` of `whole` as a fraction from 0 to 1, to four decimals; null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/**
 * The median of values given as counts per value (a value may repeat; any order), interpolated
 * between the two middle values when the count is even, as PostgreSQL's `percentile_cont(0.5)`;
 * null when there are none. Counting per value lets the database group the days instead of
 * sorting every case.
 */
export function medianOfCounts(counts: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = counts.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  // The 0-based positions of the two middle values (the same one when the total is odd).
  const low = Math.floor((total - 1) / 2);
  const high = Math.ceil((total - 1) / 2);
  let seen = 0;
  let lowValue: number | null = null;
  for (const { value, count } of sorted) {
    seen += count;
    if (lowValue === null && seen > low) lowValue = value;
    if (seen > high) return (lowValue! + value) / 2;
  }
  return lowValue;
}
