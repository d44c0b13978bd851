// Data minimisation (DOMAIN.md, Privacy): the hub stores only the personal data the signal's sector may
// send and drops the rest before anything is persisted or passed on.

import type { NormalisedSignal } from '../validation.js';
import {
  CONTACT_FIELDS,
  PERSONAL_DATA_FIELDS,
  RULE_SETS,
  ruleSetFor,
  type RuleSet,
  type SignalField,
} from './rule-set.js';

export interface MinimisedSignal {
  /** The signal with every field its sector may not send blanked: '' for text, null for the BSN. */
  readonly signal: NormalisedSignal;
  /** The fields that held a value and were blanked, in `PERSONAL_DATA_FIELDS` order. */
  readonly dropped: readonly SignalField[];
}

// The "not given" value of each field, as validation produces it.
const BLANK: { readonly [F in SignalField]: NormalisedSignal[F] } = {
  initials: '',
  firstNames: '',
  surnamePrefix: '',
  surname: '',
  street: '',
  place: '',
  birthDate: '',
  phone: '',
  email: '',
  customerNumber: '',
  bsn: null,
};

/**
 * Blanks the personal data fields the rule in force for the signal's sector on its signal date does
 * not allow (`SectorRule.allowedFields`). When no rule is in force, only `CONTACT_FIELDS` are kept:
 * the fields every sector may send.
 */
export function minimiseSignal(signal: NormalisedSignal, ruleSets: readonly RuleSet[] = RULE_SETS): MinimisedSignal {
  const allowed = new Set(ruleSetFor(signal.signalDate, signal.sector, ruleSets)?.rule.allowedFields ?? CONTACT_FIELDS);
  const dropped = PERSONAL_DATA_FIELDS.filter((field) => !allowed.has(field) && signal[field] !== BLANK[field]);
  const blanks = Object.fromEntries(dropped.map((field) => [field, BLANK[field]])) as Partial<
    Pick<NormalisedSignal, SignalField>
  >;
  return { signal: { ...signal, ...blanks }, dropped };
}
