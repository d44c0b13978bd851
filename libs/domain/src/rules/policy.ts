// What each municipality decides for itself. These are municipal choices, not law, so they are
// configuration with documented defaults (DOMAIN.md, "What the municipality does with it").

import type { Sector } from '../signal.js';

/**
 * The terms of an experiment regulation a municipality takes part in (e.g. Dienst Toeslagen: at least
 * €600 after a formal reminder; CAK eigen bijdrage: at least €100 and 5 months). Absent bounds do not apply.
 */
export interface ExperimentConfig {
  /** Days in arrears at least this many (inclusive). */
  readonly minDays?: number;
  /** Amount in arrears at least this many cents (inclusive). */
  readonly minAmountCents?: bigint;
}

export interface MunicipalityPolicy {
  /**
   * Drempelbedrag: signals below it close as "Niet opgepakt: onterecht signaal". More than 6 in 10
   * municipalities use one, half of them €75 or less (DOMAIN.md); 0 = none.
   */
  readonly minimumAmountCents: bigint;
  /**
   * How far back a signal with the same creditor reference counts as the same arrears for the repeat
   * rule. Six months, the period the monitor uses for households with arrears at several creditors.
   */
  readonly matchingPeriodDays: number;
  /**
   * The experiment sectors this municipality takes part in. Only read for sectors whose rule has no
   * LCV window (`SectorRule.window === null`); a sector not listed is refused.
   */
  readonly experiments: Partial<Readonly<Record<Sector, ExperimentConfig>>>;
}

export const DEFAULT_MUNICIPALITY_POLICY: MunicipalityPolicy = {
  minimumAmountCents: 0n,
  matchingPeriodDays: 183,
  experiments: {},
};
