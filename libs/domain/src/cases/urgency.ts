// Which case a worker should open first. The model is data with a version: a municipality can see
// (per case, per factor) why a case ranks where it does, and a change of weights is a new version,
// never a silent edit. Version 2026-12 follows what the field reports as decisive: several creditors
// at once (almost half of the households offered help in 2024), rent arrears of two months or more
// (eviction risk), an announced end of supply, and the creditor's own crisis or warm hand-over flag.

import type { Sector, SignalKind } from '../signal.js';
import { addDays, daysBetween } from '../rules/calendar.js';

/** What urgency is computed from: the case's signals as they stand, and the day it is computed for. */
export interface UrgencyFacts {
  /** YYYY-MM-DD: the day the score is for (days in arrears grow with it). */
  readonly asOf: string;
  readonly signals: ReadonlyArray<{
    readonly creditorId: string;
    readonly sector: Sector;
    readonly kind: SignalKind;
    readonly amountCents: bigint;
    /** YYYY-MM-DD */
    readonly arrearsSince: string;
    /** YYYY-MM-DD or '' */
    readonly supplyEndDate: string;
    readonly crisis: boolean;
    readonly warmHandover: boolean;
  }>;
}

export interface UrgencyFactor {
  /** Stable name, e.g. `creditors`. */
  readonly name: string;
  /** What was measured, in the factor's unit (creditors, euros, days, 0/1). */
  readonly value: number;
  readonly points: number;
}

export interface Urgency {
  readonly score: number;
  readonly version: string;
  /** Every factor of the model, also those that scored 0, in model order. */
  readonly factors: readonly UrgencyFactor[];
}

/** One factor: how it is measured, and how a measurement becomes points (per unit, capped). */
interface FactorRule {
  readonly name: string;
  readonly description: string;
  readonly measure: (facts: UrgencyFacts) => number;
  readonly pointsPerUnit: number;
  readonly maxPoints: number;
}

const oldestArrears = (facts: UrgencyFacts) =>
  facts.signals.reduce((oldest, s) => (s.arrearsSince < oldest ? s.arrearsSince : oldest), facts.asOf);

/** Latest amount per creditor is in the signals already (the caller passes the case's current ones). */
const totalEuros = (facts: UrgencyFacts) => Number(facts.signals.reduce((sum, s) => sum + s.amountCents, 0n) / 100n);

const flag = (present: boolean) => (present ? 1 : 0);

export const URGENCY_MODEL: { readonly version: string; readonly factors: readonly FactorRule[] } = {
  version: '2026-12',
  factors: [
    {
      name: 'creditors',
      description: '15 points per creditor beyond the first, at most 45',
      measure: (f) => Math.max(0, new Set(f.signals.map((s) => s.creditorId)).size - 1),
      pointsPerUnit: 15,
      maxPoints: 45,
    },
    {
      name: 'totalAmount',
      description: '1 point per €200 in arrears, at most 25',
      measure: (f) => Math.floor(totalEuros(f) / 200),
      pointsPerUnit: 1,
      maxPoints: 25,
    },
    {
      name: 'daysInArrears',
      description: '1 point per 15 days since the oldest arrears began, at most 20',
      measure: (f) => Math.max(0, Math.floor(daysBetween(oldestArrears(f), f.asOf) / 15)),
      pointsPerUnit: 1,
      maxPoints: 20,
    },
    {
      name: 'rentArrearsTwoMonths',
      description: '20 points for rent arrears of two months (60 days) or more: the eviction risk',
      measure: (f) => flag(f.signals.some((s) => s.sector === 'HUUR' && daysBetween(s.arrearsSince, f.asOf) >= 60)),
      pointsPerUnit: 20,
      maxPoints: 20,
    },
    {
      name: 'endOfSupply',
      description: '25 points for an announced end of supply',
      measure: (f) => flag(f.signals.some((s) => s.kind === 'END_OF_SUPPLY')),
      pointsPerUnit: 25,
      maxPoints: 25,
    },
    {
      name: 'endOfSupplyWithinTwoWeeks',
      description: '15 more points when that supply ends within 14 days (or has ended)',
      measure: (f) =>
        flag(
          f.signals.some(
            (s) => s.kind === 'END_OF_SUPPLY' && s.supplyEndDate !== '' && s.supplyEndDate <= addDays(f.asOf, 14),
          ),
        ),
      pointsPerUnit: 15,
      maxPoints: 15,
    },
    {
      name: 'crisis',
      description: '40 points when a creditor flags a crisis',
      measure: (f) => flag(f.signals.some((s) => s.crisis)),
      pointsPerUnit: 40,
      maxPoints: 40,
    },
    {
      name: 'warmHandover',
      description: '15 points when a creditor asks for a warm hand-over',
      measure: (f) => flag(f.signals.some((s) => s.warmHandover)),
      pointsPerUnit: 15,
      maxPoints: 15,
    },
  ],
};

/** The highest score the model can give: the sum of every factor's cap. */
export const MAX_URGENCY_SCORE = URGENCY_MODEL.factors.reduce((sum, f) => sum + f.maxPoints, 0);

/** The urgency of a case under {@link URGENCY_MODEL}: the score and each factor's share of it. */
export function urgencyOf(facts: UrgencyFacts): Urgency {
  const factors = URGENCY_MODEL.factors.map((rule) => {
    const value = rule.measure(facts);
    return { name: rule.name, value, points: Math.min(rule.maxPoints, value * rule.pointsPerUnit) };
  });
  return {
    score: factors.reduce((sum, f) => sum + f.points, 0),
    version: URGENCY_MODEL.version,
    factors,
  };
}
