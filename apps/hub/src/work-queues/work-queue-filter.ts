import { addDays, type Sector } from '@signaalhub/domain';
import type { CaseFilter } from '../cases/case.repository.js';

/** A work queue's saved filter (werkbakje): every criterion optional, all of them must hold. */
export interface WorkQueueFilter {
  sectors?: Sector[];
  minimumAmountCents?: number;
  maximumAmountCents?: number;
  minimumDaysInArrears?: number;
  maximumDaysInArrears?: number;
  /** Postcode areas (four digits). */
  pc4s?: string[];
  creditorSpread?: 'SINGLE' | 'MULTI';
  crisis?: boolean;
  /** Only cases nobody is assigned to. */
  unassigned?: boolean;
}

export type FilterCheck = { ok: true; filter: WorkQueueFilter } | { ok: false; message: string };

const PC4 = /^[1-9]\d{3}$/;

/**
 * Checks a filter as a team lead submits it and normalises it (lists sorted and without repeats,
 * absent criteria left out), so equal filters are stored equally.
 */
export function checkWorkQueueFilter(input: WorkQueueFilter): FilterCheck {
  const range = (low: number | undefined, high: number | undefined, what: string) =>
    low !== undefined && high !== undefined && low > high ? `the ${what} range is empty (minimum above maximum)` : null;
  const problem =
    range(input.minimumAmountCents, input.maximumAmountCents, 'amount') ??
    range(input.minimumDaysInArrears, input.maximumDaysInArrears, 'days in arrears') ??
    (input.pc4s?.find((p) => !PC4.test(p)) !== undefined ? 'a PC4 is four digits, not starting with 0' : null);
  if (problem) return { ok: false, message: problem };
  const filter: WorkQueueFilter = {};
  const set = <K extends keyof WorkQueueFilter>(key: K, value: WorkQueueFilter[K] | null | undefined) => {
    if (value !== undefined && value !== null) filter[key] = value;
  };
  set('sectors', input.sectors?.length ? [...new Set(input.sectors)].sort() : undefined);
  set('minimumAmountCents', input.minimumAmountCents);
  set('maximumAmountCents', input.maximumAmountCents);
  set('minimumDaysInArrears', input.minimumDaysInArrears);
  set('maximumDaysInArrears', input.maximumDaysInArrears);
  set('pc4s', input.pc4s?.length ? [...new Set(input.pc4s)].sort() : undefined);
  set('creditorSpread', input.creditorSpread);
  set('crisis', input.crisis);
  set('unassigned', input.unassigned === true ? true : undefined);
  return { ok: true, filter };
}

/**
 * The case filter a queue stands for on `asOf` (YYYY-MM-DD): open cases only, days in arrears turned
 * into bounds on the date the oldest current arrears began.
 */
export function caseFilterOfQueue(queue: WorkQueueFilter, asOf: string): CaseFilter {
  const filter: CaseFilter = { openOnly: true };
  if (queue.sectors) filter.sectors = queue.sectors;
  if (queue.minimumAmountCents !== undefined) filter.minimumAmountCents = queue.minimumAmountCents;
  if (queue.maximumAmountCents !== undefined) filter.maximumAmountCents = queue.maximumAmountCents;
  if (queue.minimumDaysInArrears !== undefined) filter.arrearsSinceTo = addDays(asOf, -queue.minimumDaysInArrears);
  if (queue.maximumDaysInArrears !== undefined) filter.arrearsSinceFrom = addDays(asOf, -queue.maximumDaysInArrears);
  if (queue.pc4s) filter.pc4s = queue.pc4s;
  if (queue.creditorSpread) filter.creditorSpread = queue.creditorSpread as CaseFilter['creditorSpread'];
  if (queue.crisis !== undefined) filter.crisis = queue.crisis;
  if (queue.unassigned) filter.unassigned = true;
  return filter;
}
