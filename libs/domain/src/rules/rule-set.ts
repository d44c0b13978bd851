// The convenant and legal rules as data. A rule set is one version of the rules, in force from a date,
// for the sectors it names; a change in the law or the convenant is a new entry in RULE_SETS with its
// own effective date, never an edit of an old one, so a signal is always judged (and can be re-judged)
// by the rules in force on its signal date, and every decision names the rule set and version it used.

import type { Sector } from '../signal.js';

/**
 * The personal data fields of a signal a sector may or may not send (DOMAIN.md, "What a signal may
 * contain"). Not listed because every sector needs them: the address parts that make the household key
 * (postcode, house number, letter, addition), the amount and the arrears date. Validation requires
 * the surname, so every rule allows it.
 */
export const PERSONAL_DATA_FIELDS = [
  'initials',
  'firstNames',
  'surnamePrefix',
  'surname',
  'street',
  'place',
  'birthDate',
  'phone',
  'email',
  'customerNumber',
  'bsn',
] as const;
export type SignalField = (typeof PERSONAL_DATA_FIELDS)[number];

/**
 * What municipalities receive from every sector: name, address, date of birth, phone and e-mail
 * (DOMAIN.md; VNG/Divosa data model). The legal core is narrower (Bgs art. 2: contact details and the
 * amount), but the LCV data model names these as the contact details.
 */
export const CONTACT_FIELDS: readonly SignalField[] = PERSONAL_DATA_FIELDS.filter(
  (field) => field !== 'customerNumber' && field !== 'bsn',
);

// The customer number is part of the legal core for energy and water (energy regulation art. 3 lid 2 b:
// contact details, customer number and the amount owed); insurers and CAK use it to find the policy
// when the municipality calls back. Landlords identify a tenant by address, so rent leaves it out.
const WITH_CUSTOMER_NUMBER: readonly SignalField[] = [...CONTACT_FIELDS, 'customerNumber'];

// No sector may send a BSN: no rule in force names a legal basis for it, and DDAS can identify a
// client by postcode + house number. A sector that gets one (an experiment regulation, say) gets it
// in a new rule-set version that cites that basis.

/**
 * Days in arrears = calendar days from `arrearsSince` to the signal date. All bounds inclusive except
 * `minMonthsExclusive`, which is "more than n months": the signal date must be later than
 * `addMonths(arrearsSince, n)`.
 */
export interface DayWindow {
  readonly minDays?: number;
  readonly maxDays?: number;
  readonly minMonthsExclusive?: number;
}

/** The end-of-supply signal of the energy (and water) regulation. */
export interface EndOfSupplyRule {
  /** The signal must come at least this many working days (`isWorkingDay`) before supply ends. */
  readonly minWorkingDaysNotice: number;
  /** Order is early signal → update → end-of-supply: never an end-of-supply signal out of the blue. */
  readonly requiresEarlierSignal: boolean;
}

export interface SectorRule {
  /**
   * The LCV window, or null for an experiment sector: those follow the experiment regulation the
   * municipality takes part in, configured in `MunicipalityPolicy.experiments`.
   */
  readonly window: DayWindow | null;
  /** Energy and water regulations take precedence over the LCV: their signals are followed up outside the window too. */
  readonly acceptOutsideWindow: boolean;
  /** The signal must attest that the creditor tried to reach the debtor personally. */
  readonly personalContactRequired: boolean;
  /** null: END_OF_SUPPLY is not a signal this sector can send (there is no supply to end). */
  readonly endOfSupply: EndOfSupplyRule | null;
  /** Data minimisation: every other personal data field is dropped (`minimiseSignal`). */
  readonly allowedFields: readonly SignalField[];
  /** Where this sector's rule comes from, for the decision's detail and for auditors. */
  readonly source: string;
}

export interface RuleSet {
  /** Stable name of the rule family: decisions cite `<id>/<sector>/<rule>`. */
  readonly id: string;
  readonly version: string;
  /** First signal date (inclusive) this set applies to. */
  readonly effectiveFrom: string;
  /** Last signal date (inclusive) it applies to; absent while in force. */
  readonly effectiveTo?: string;
  readonly source: string;
  /** The sectors this set governs; a sector it does not name keeps the earlier set's rule. */
  readonly sectors: Partial<Readonly<Record<Sector, SectorRule>>>;
}

// Experiment sectors (DOMAIN.md: Belastingdienst, Toeslagen, DUO, mortgage lenders, CAK eigen bijdrage,
// others) signal only in municipalities that take part; the window and amount come from the experiment
// regulation via MunicipalityPolicy.experiments. The four preconditions still hold (Bgs art. 2 model).
const experiment = (allowedFields: readonly SignalField[]): SectorRule => ({
  window: null,
  acceptOutsideWindow: false,
  personalContactRequired: true,
  endOfSupply: null,
  allowedFields,
  source: 'experiment regulation as configured by the municipality',
});

// The energy regulation's notice: the end-of-supply signal at least 20 working days before supply ends
// (DOMAIN.md; contract `SIGNAL_KIND_END_OF_SUPPLY`). The contract applies it to water as well; a
// separate water figure was not confirmed, so water uses the same one as a documented default.
const END_OF_SUPPLY_20_WORKING_DAYS: EndOfSupplyRule = { minWorkingDaysNotice: 20, requiresEarlierSignal: true };

const LCV_ENERGIE: SectorRule = {
  window: { minDays: 30 },
  acceptOutsideWindow: true,
  // Before 2026 the energy regulation asked for the reminder, the pointer to debt help and the offer
  // to pass the data on (art. 3), not for personal contact before the first signal.
  personalContactRequired: false,
  endOfSupply: END_OF_SUPPLY_20_WORKING_DAYS,
  allowedFields: WITH_CUSTOMER_NUMBER,
  source: 'LCV Nov 2022: energy from 30 days; energy regulation takes precedence over the window',
};

const LCV_2022_11: RuleSet = {
  id: 'LCV',
  version: '2022-11',
  effectiveFrom: '2022-11-01',
  source: 'Landelijk Convenant Vroegsignalering (10 Nov 2020), windows as amended Nov 2022; Bgs art. 2',
  sectors: {
    HUUR: {
      window: { minDays: 30 },
      acceptOutsideWindow: false,
      // Bgs art. 2 sub a: "inspanning heeft geleverd om in persoonlijk contact te treden".
      personalContactRequired: true,
      endOfSupply: null,
      allowedFields: CONTACT_FIELDS,
      source: 'LCV Nov 2022: rent from 30 days; Bgs art. 2',
    },
    ENERGIE: LCV_ENERGIE,
    WATER: {
      window: { minDays: 30 },
      acceptOutsideWindow: true,
      personalContactRequired: true,
      endOfSupply: END_OF_SUPPLY_20_WORKING_DAYS,
      allowedFields: WITH_CUSTOMER_NUMBER,
      source: 'LCV Nov 2022: water from 30 days, no maximum; water regulation takes precedence over the window',
    },
    ZORG: {
      window: { minDays: 30, maxDays: 100 },
      acceptOutsideWindow: false,
      personalContactRequired: true,
      endOfSupply: null,
      allowedFields: WITH_CUSTOMER_NUMBER,
      // At 6 months the insurer hands the debtor to CAK, whose signals have their own sector.
      source: 'LCV Nov 2022: health insurance from 30 to 100 days',
    },
    CAK_ZORGVERZEKERINGEN: {
      window: { minMonthsExclusive: 6 },
      acceptOutsideWindow: false,
      personalContactRequired: true,
      endOfSupply: null,
      allowedFields: WITH_CUSTOMER_NUMBER,
      source: 'LCV Nov 2022: CAK Zorgverzekeringen after more than 6 months unpaid',
    },
    CAK_EIGEN_BIJDRAGE: experiment(WITH_CUSTOMER_NUMBER),
    BELASTINGDIENST: experiment(CONTACT_FIELDS),
    DIENST_TOESLAGEN: experiment(CONTACT_FIELDS),
    DUO: experiment(CONTACT_FIELDS),
    HYPOTHEEK: experiment(CONTACT_FIELDS),
    OVERIGE: experiment(CONTACT_FIELDS),
  },
};

const ENERGY_2026_01: RuleSet = {
  id: 'ENERGY_REGULATION',
  version: '2026-01',
  effectiveFrom: '2026-01-01',
  source: 'Energy regulation (Regeling afsluitbeleid kleinverbruikers) as in force from 1 Jan 2026',
  sectors: {
    ENERGIE: {
      ...LCV_ENERGIE,
      // Since 1 Jan 2026 personal contact is legally required before the first signal (DOMAIN.md).
      personalContactRequired: true,
      source: 'Energy regulation 2026: personal contact before the first signal; LCV window from 30 days',
    },
  },
};

/** Every rule set, oldest first. Add new versions at the end; never edit one that has been in force. */
export const RULE_SETS: readonly RuleSet[] = [LCV_2022_11, ENERGY_2026_01];

/** A sector's rule as found for one signal date, with the set it came from. */
export interface AppliedRule {
  readonly ruleSet: RuleSet;
  readonly sector: Sector;
  readonly rule: SectorRule;
}

/**
 * The rule for `sector` in force on `signalDate`: from the set with the latest `effectiveFrom` on or
 * before that date that names the sector and has not ended (`effectiveTo`). null when none is: the
 * hub then refuses the signal rather than guess older rules.
 */
export function ruleSetFor(
  signalDate: string,
  sector: Sector,
  ruleSets: readonly RuleSet[] = RULE_SETS,
): AppliedRule | null {
  let found: AppliedRule | null = null;
  for (const ruleSet of ruleSets) {
    const rule = ruleSet.sectors[sector];
    if (rule === undefined || ruleSet.effectiveFrom > signalDate) continue;
    if (ruleSet.effectiveTo !== undefined && ruleSet.effectiveTo < signalDate) continue;
    if (found === null || ruleSet.effectiveFrom >= found.ruleSet.effectiveFrom) found = { ruleSet, sector, rule };
  }
  return found;
}
