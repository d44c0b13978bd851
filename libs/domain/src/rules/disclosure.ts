// What a creditor may learn about its signal (DOMAIN.md, "Feedback to the creditor"): whether it was
// picked up; for a fixed set of results which one ("herhaalde melding", "onterecht signaal",
// "overleden", "geen inwoner (meer)"); and whether help was accepted. Never the municipality's reason
// for "Niet opgepakt: andere reden" (detention, unsafe-contact list, staff shortage…).

import type { RuleDecision } from './evaluate.js';
import type { RuleOutcome } from './reason.js';

/**
 * The statuses a creditor can be told, named as the contract's `signaalhub.v1.FeedbackStatus`
 * (feedback.proto). The domain keeps its own union so it does not depend on the generated code; the
 * hub maps name to number.
 */
export const FEEDBACK_DISCLOSURES = [
  'ACCEPTED',
  'REJECTED',
  'PICKED_UP',
  'NOT_PICKED_UP',
  'NOT_PICKED_UP_REPEAT',
  'NOT_PICKED_UP_UNFOUNDED',
  'DECEASED',
  'NOT_A_RESIDENT',
  'HELP_ACCEPTED',
  'HELP_DECLINED',
  'RESOLVED',
] as const;
export type FeedbackDisclosure = (typeof FEEDBACK_DISCLOSURES)[number];

/** A feedback message's content: the status, and a reason code only where disclosure allows one. */
export interface Disclosure {
  readonly status: FeedbackDisclosure;
  /** Only for REJECTED, the hub's own reason code (the creditor must be able to fix the signal). */
  readonly reasonCode: string | null;
}

/** The 8 values of DDAS v1.2 `EnumSignaalstatus`: code name → the exact Dutch value. */
export const SIGNAL_STATUSES = {
  NOT_YET_PICKED_UP: 'Nog niet opgepakt',
  PICKED_UP: 'Opgepakt',
  NOT_PICKED_UP_REPEAT: 'Niet opgepakt: herhaalde melding',
  NOT_PICKED_UP_UNFOUNDED: 'Niet opgepakt: onterecht signaal',
  NOT_PICKED_UP_OTHER: 'Niet opgepakt: andere reden',
  ALREADY_KNOWN: 'Inwoner al bekend bij schuldhulpverlening',
  DECEASED: 'Inwoner is overleden',
  NOT_A_RESIDENT: 'Persoon is geen inwoner (meer) in de gemeente',
} as const;
export type SignalStatus = keyof typeof SIGNAL_STATUSES;

/** The 16 values of DDAS v1.2 `EnumEindresultaat` (a case's end result): code name → the exact Dutch value. */
export const CASE_RESULTS = {
  ADVICE_OR_QUICK_FIX: '(Budget)advies en/of quick fix',
  NO_CONTACT: 'Definitief geen contact kunnen krijgen',
  NO_RESPONSE_AFTER_CONTACT: 'Geen reactie na eerder contact',
  ALREADY_KNOWN: 'Inwoner al bekend bij schuldhulpverlening',
  OTHER_TRAJECTORY: 'Inwoner heeft al een ander lopend traject',
  PAID_OR_ARRANGEMENT: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  DECEASED: 'Inwoner is overleden',
  NO_HELP_WANTED: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  NOT_PICKED_UP_OTHER: 'Niet opgepakt: andere reden',
  NOT_PICKED_UP_REPEAT: 'Niet opgepakt: herhaalde melding',
  NOT_PICKED_UP_UNFOUNDED: 'Niet opgepakt: onterecht signaal',
  NOT_A_RESIDENT: 'Persoon is geen inwoner (meer) in de gemeente',
  FOLLOW_UP_HELP: 'Vervolghulp en/of verwijzing',
  FOLLOW_UP_HELP_FINANCIAL: 'Vervolghulp en/of verwijzing financieel',
  FOLLOW_UP_HELP_NON_FINANCIAL: 'Vervolghulp en/of verwijzing niet financieel',
  REFERRAL_WITHOUT_RESIDENT: 'Verwijzing zonder tussenkomst inwoner',
} as const;
export type CaseResult = keyof typeof CASE_RESULTS;

/** The code name of an exact DDAS `EnumSignaalstatus` value, or null for anything else. */
export function signalStatusFromLabel(label: string): SignalStatus | null {
  return codeOf(SIGNAL_STATUSES, label);
}

/** The code name of an exact DDAS `EnumEindresultaat` value, or null for anything else. */
export function caseResultFromLabel(label: string): CaseResult | null {
  return codeOf(CASE_RESULTS, label);
}

function codeOf<K extends string>(table: Readonly<Record<K, string>>, label: string): K | null {
  return (Object.keys(table) as K[]).find((code) => table[code] === label) ?? null;
}

// Only the four named results are disclosed by name; help counts as accepted when the resident took
// advice, follow-up help or a referral, as declined when the resident chose to manage alone. Every
// other closed case is RESOLVED ("no result beyond the values above is disclosed", feedback.proto):
// telling a creditor "declined" for someone who was never reached, or "already in debt help", would
// be both wrong and more than the rules allow. Not-picked-up without a disclosable reason is plain
// NOT_PICKED_UP.
const CASE_RESULT_DISCLOSURE: Readonly<Record<CaseResult, FeedbackDisclosure>> = {
  ADVICE_OR_QUICK_FIX: 'HELP_ACCEPTED',
  NO_CONTACT: 'RESOLVED',
  NO_RESPONSE_AFTER_CONTACT: 'RESOLVED',
  ALREADY_KNOWN: 'NOT_PICKED_UP',
  OTHER_TRAJECTORY: 'RESOLVED',
  PAID_OR_ARRANGEMENT: 'RESOLVED',
  DECEASED: 'DECEASED',
  NO_HELP_WANTED: 'HELP_DECLINED',
  NOT_PICKED_UP_OTHER: 'NOT_PICKED_UP',
  NOT_PICKED_UP_REPEAT: 'NOT_PICKED_UP_REPEAT',
  NOT_PICKED_UP_UNFOUNDED: 'NOT_PICKED_UP_UNFOUNDED',
  NOT_A_RESIDENT: 'NOT_A_RESIDENT',
  FOLLOW_UP_HELP: 'HELP_ACCEPTED',
  FOLLOW_UP_HELP_FINANCIAL: 'HELP_ACCEPTED',
  FOLLOW_UP_HELP_NON_FINANCIAL: 'HELP_ACCEPTED',
  // The municipality referred without the resident's involvement: that is not the resident accepting.
  REFERRAL_WITHOUT_RESIDENT: 'RESOLVED',
};

// A signal not yet picked up is still simply ACCEPTED for the creditor; "already known to debt help"
// is a reason the creditor may not learn, so it is plain NOT_PICKED_UP.
const SIGNAL_STATUS_DISCLOSURE: Readonly<Record<SignalStatus, FeedbackDisclosure>> = {
  NOT_YET_PICKED_UP: 'ACCEPTED',
  PICKED_UP: 'PICKED_UP',
  NOT_PICKED_UP_REPEAT: 'NOT_PICKED_UP_REPEAT',
  NOT_PICKED_UP_UNFOUNDED: 'NOT_PICKED_UP_UNFOUNDED',
  NOT_PICKED_UP_OTHER: 'NOT_PICKED_UP',
  ALREADY_KNOWN: 'NOT_PICKED_UP',
  DECEASED: 'DECEASED',
  NOT_A_RESIDENT: 'NOT_A_RESIDENT',
};

const OUTCOME_DISCLOSURE: Readonly<Record<RuleOutcome, FeedbackDisclosure>> = {
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  NOT_PICKED_UP_UNFOUNDED: 'NOT_PICKED_UP_UNFOUNDED',
  NOT_PICKED_UP_REPEAT: 'NOT_PICKED_UP_REPEAT',
  RESOLVED: 'RESOLVED',
};

/** What the creditor learns when a case closes with `caseResult`; never a reason code. */
export function discloseCaseResult(caseResult: CaseResult): Disclosure {
  return { status: CASE_RESULT_DISCLOSURE[caseResult], reasonCode: null };
}

/** What the creditor learns when its signal gets `status` at the municipality; never a reason code. */
export function discloseSignalStatus(status: SignalStatus): Disclosure {
  return { status: SIGNAL_STATUS_DISCLOSURE[status], reasonCode: null };
}

/**
 * What the creditor learns from the hub's own decision: the outcome, plus the reason code for REJECTED
 * only (feedback.proto `reason_code`). Unfounded and repeat are among the results it may know by name;
 * the rule behind them (window or minimum amount) is the municipality's and is not passed on.
 */
export function discloseRuleDecision(decision: Pick<RuleDecision, 'outcome' | 'reason'>): Disclosure {
  return {
    status: OUTCOME_DISCLOSURE[decision.outcome],
    reasonCode: decision.outcome === 'REJECTED' ? decision.reason : null,
  };
}

// REJECTED stays at the hub, and a withdrawal (RESOLVED) changes the earlier signal rather than adding
// one, so neither becomes a signal at the municipality.
const OUTCOME_SIGNAL_STATUS: Readonly<Record<RuleOutcome, SignalStatus | null>> = {
  ACCEPTED: 'NOT_YET_PICKED_UP',
  NOT_PICKED_UP_UNFOUNDED: 'NOT_PICKED_UP_UNFOUNDED',
  NOT_PICKED_UP_REPEAT: 'NOT_PICKED_UP_REPEAT',
  REJECTED: null,
  RESOLVED: null,
};

/**
 * The DDAS `EnumSignaalstatus` a signal starts with at the municipality after the rules decided, or
 * null when the municipality does not get it as a signal (REJECTED, RESOLVED).
 */
export function signalStatusForOutcome(outcome: RuleOutcome): SignalStatus | null {
  return OUTCOME_SIGNAL_STATUS[outcome];
}

/**
 * The signal status a closed case leaves on its signals (DDAS `EnumSignaalstatus`): where the case
 * result is itself a signal status (repeat, unfounded, other reason, already known, deceased, not a
 * resident) the signals take it; every other result means the signals were picked up.
 */
export function signalStatusForCaseResult(caseResult: CaseResult): SignalStatus {
  return signalStatusFromLabel(CASE_RESULTS[caseResult]) ?? 'PICKED_UP';
}
