// The convenant-rules step of ingest: given a valid signal and what the hub knows around it (the
// agreement, the municipality's policy, the previous signal of the same arrears), decide whether the
// municipality gets it, and why. The order of the checks is the RULE_STEPS table below, not code paths.

import { SIGNAL_KINDS, type SignalKind } from '../signal.js';
import type { NormalisedSignal } from '../validation.js';
import { addMonths, addWorkingDays, daysBetween } from './calendar.js';
import { DEFAULT_MUNICIPALITY_POLICY, type ExperimentConfig, type MunicipalityPolicy } from './policy.js';
import { RULE_REASONS, type RuleOutcome, type RuleReason } from './reason.js';
import { RULE_SETS, ruleSetFor, type AppliedRule, type DayWindow, type RuleSet } from './rule-set.js';

/** The dates of an agreement (NVVK model agreement); both days inclusive, `validTo` null while open-ended. */
export interface AgreementPeriod {
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** The latest stored signal with the same creditor and `creditorSignalRef`: the same arrears. */
export interface PreviousSignal {
  readonly kind: SignalKind;
  readonly amountCents: bigint;
  readonly signalDate: string;
}

export interface RuleContext {
  /**
   * The agreement of creditor × municipality × sector that the hub found for the signal date; null
   * when there is none. Its dates are checked again here, so a look-up by "latest agreement" is safe.
   */
  readonly agreement: AgreementPeriod | null;
  readonly policy: MunicipalityPolicy;
  readonly previous: PreviousSignal | null;
  /** The rule sets to judge by; `RULE_SETS` unless given (tests, or sets loaded as configuration). */
  readonly ruleSets?: readonly RuleSet[];
}

export interface RuleDecision {
  readonly outcome: RuleOutcome;
  readonly reason: RuleReason;
  /** Why, in words built from rule data only: never a name, an address, a BSN or an amount. */
  readonly detail: string;
  /** `<rule set id>/<sector>/<rule>`, e.g. `LCV/HUUR/window`. */
  readonly ruleId: string;
  /** The rule set version that decided, e.g. `2022-11`; '' when no rule set was in force. */
  readonly ruleVersion: string;
}

interface Finding {
  readonly reason: RuleReason;
  readonly detail: string;
}

/**
 * One rule. `check` returns null when the signal passes it. A finding whose reason has the outcome
 * ACCEPTED lets the signal through that rule by exception (energy outside the window, a risen amount)
 * and evaluation goes on; any other finding decides.
 */
interface RuleStep {
  readonly name: string;
  /** The signal kinds the rule applies to. */
  readonly kinds: readonly SignalKind[];
  readonly check: (signal: NormalisedSignal, context: RuleContext, applied: AppliedRule) => Finding | null;
  /**
   * True for a rule that does not depend on the municipality (its agreement or policy): it can judge
   * a signal before it is routed, so a signal no municipality may receive is never held unrouted.
   */
  readonly beforeRouting?: true;
}

const finding = (reason: RuleReason, detail: string): Finding => ({ reason, detail });

// A withdrawal only says the arrears are resolved: it needs an agreement and a signal to withdraw,
// not the attestations or the window that make a debtor's data fit to pass on.
const SIGNALLING_KINDS: readonly SignalKind[] = ['NEW', 'UPDATE', 'END_OF_SUPPLY'];

/** The window of an experiment sector, from the regulation the municipality takes part in. */
function experimentWindow(config: ExperimentConfig | undefined): DayWindow {
  return config?.minDays === undefined ? {} : { minDays: config.minDays };
}

/** Why the signal falls outside `window`, or null when it is inside. */
function outsideWindow(window: DayWindow, arrearsSince: string, signalDate: string): string | null {
  const days = daysBetween(arrearsSince, signalDate);
  if (window.minDays !== undefined && days < window.minDays) return `fewer than ${window.minDays} days in arrears`;
  if (window.maxDays !== undefined && days > window.maxDays) return `more than ${window.maxDays} days in arrears`;
  const months = window.minMonthsExclusive;
  if (months !== undefined && signalDate <= addMonths(arrearsSince, months)) {
    return `not more than ${months} months in arrears`;
  }
  return null;
}

/** The rules in the order they are applied: the first deciding finding is the decision. */
const RULE_STEPS: readonly RuleStep[] = [
  // (1) Attestations: the four shared preconditions (Bgs art. 2 for landlords; the energy and water
  // regulations say the same). An objection is checked first: it forbids passing the data on at all.
  {
    name: 'objection',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal) =>
      signal.objectionReceived
        ? finding('OBJECTION_RECEIVED', 'objectionReceived: the debtor objected to passing on the data (Bgs art. 2 d)')
        : null,
  },
  {
    name: 'personal-contact',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal, _context, { rule }) =>
      rule.personalContactRequired && !signal.personalContactAttempted
        ? finding('ATTESTATION_MISSING', `personalContactAttempted: required (${rule.source})`)
        : null,
  },
  {
    name: 'debt-help-referral',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal) =>
      signal.referredToDebtHelp ? null : finding('ATTESTATION_MISSING', 'referredToDebtHelp: required (Bgs art. 2 b)'),
  },
  {
    name: 'reminder',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal) => {
      if (signal.reminderSentOn === '') {
        return finding('ATTESTATION_MISSING', 'reminderSentOn: required, a written reminder (Bgs art. 2 c)');
      }
      return signal.reminderSentOn > signal.signalDate
        ? finding('ATTESTATION_MISSING', 'reminderSentOn: after the signal date (Bgs art. 2 c)')
        : null;
    },
  },
  {
    name: 'objection-offered',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal) =>
      signal.objectionOffered
        ? null
        : finding(
            'ATTESTATION_MISSING',
            'objectionOffered: the reminder must offer to pass on the data (Bgs art. 2 d)',
          ),
  },
  // (2) A creditor delivers only under a signed agreement with the municipality for the sector.
  {
    name: 'agreement',
    kinds: SIGNAL_KINDS,
    check: (signal, { agreement }) => {
      if (agreement === null) return finding('NO_AGREEMENT', 'no agreement for this creditor, municipality and sector');
      if (agreement.validFrom > signal.signalDate) {
        return finding('NO_AGREEMENT', 'the agreement starts after the signal date');
      }
      return agreement.validTo !== null && agreement.validTo < signal.signalDate
        ? finding('NO_AGREEMENT', 'the agreement ended before the signal date')
        : null;
    },
  },
  {
    name: 'experiment',
    kinds: SIGNAL_KINDS,
    check: (signal, { policy }, { rule }) =>
      rule.window === null && policy.experiments[signal.sector] === undefined
        ? finding('EXPERIMENT_NOT_CONFIGURED', 'the municipality does not take part in an experiment for this sector')
        : null,
  },
  // (3) The lifecycle: early signal → update → end-of-supply (energy regulation), or a withdrawal.
  {
    name: 'end-of-supply',
    beforeRouting: true,
    kinds: ['END_OF_SUPPLY'],
    check: (signal, { previous }, { rule }) => {
      const endOfSupply = rule.endOfSupply;
      if (endOfSupply === null) return finding('END_OF_SUPPLY_NOT_APPLICABLE', 'this sector has no supply to end');
      if (endOfSupply.requiresEarlierSignal && previous === null) {
        return finding(
          'END_OF_SUPPLY_WITHOUT_EARLIER_SIGNAL',
          'no earlier signal for this creditorSignalRef: an end-of-supply signal follows an early signal',
        );
      }
      const earliest = addWorkingDays(signal.signalDate, endOfSupply.minWorkingDaysNotice);
      return signal.supplyEndDate < earliest
        ? finding(
            'SUPPLY_END_TOO_SOON',
            `supplyEndDate: must be at least ${endOfSupply.minWorkingDaysNotice} working days after the signal date, ` +
              `on or after ${earliest}`,
          )
        : null;
    },
  },
  {
    name: 'withdrawn',
    kinds: ['WITHDRAWN'],
    check: (_signal, { previous }) =>
      previous === null
        ? finding('WITHDRAWN_UNKNOWN_SIGNAL', 'no earlier signal for this creditorSignalRef to withdraw')
        : finding('WITHDRAWN', 'the creditor withdrew the signal: the arrears are resolved'),
  },
  // (4) The day window on days in arrears (LCV Nov 2022; experiments per regulation).
  {
    name: 'arrears-date',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal) =>
      signal.arrearsSince > signal.signalDate
        ? finding('ARREARS_SINCE_AFTER_SIGNAL_DATE', 'arrearsSince: after the signal date')
        : null,
  },
  {
    name: 'window',
    beforeRouting: true,
    kinds: SIGNALLING_KINDS,
    check: (signal, { policy }, { rule }) => {
      const window = rule.window ?? experimentWindow(policy.experiments[signal.sector]);
      const outside = outsideWindow(window, signal.arrearsSince, signal.signalDate);
      if (outside === null) return null;
      return rule.acceptOutsideWindow
        ? finding('ACCEPTED_OUTSIDE_LCV_WINDOW', `${outside}, followed up anyway (${rule.source})`)
        : finding('OUTSIDE_WINDOW', `${outside} (${rule.source})`);
    },
  },
  // (5) Minimum amounts: the experiment regulation's, then the municipality's own.
  {
    name: 'experiment-amount',
    kinds: SIGNALLING_KINDS,
    check: (signal, { policy }, { rule }) => {
      const minimum = rule.window === null ? policy.experiments[signal.sector]?.minAmountCents : undefined;
      return minimum !== undefined && signal.amountCents < minimum
        ? finding('BELOW_MINIMUM_AMOUNT', 'amount below the minimum of the experiment regulation')
        : null;
    },
  },
  {
    name: 'minimum-amount',
    kinds: SIGNALLING_KINDS,
    check: (signal, { policy }) =>
      signal.amountCents < policy.minimumAmountCents
        ? finding('BELOW_MINIMUM_AMOUNT', 'amount below the minimum amount of the municipality')
        : null,
  },
  // (6) A repeat of the same arrears is not picked up unless the amount rose. End-of-supply is the
  // escalation of the same arrears, never a repeat; after a withdrawal the arrears are new again.
  {
    name: 'repeat',
    kinds: ['NEW', 'UPDATE'],
    check: (signal, { previous, policy }) => {
      if (previous === null || previous.kind === 'WITHDRAWN') return null;
      // Either order: a delayed older signal is as much a repeat as a newer one.
      if (Math.abs(daysBetween(previous.signalDate, signal.signalDate)) > policy.matchingPeriodDays) return null;
      return signal.amountCents > previous.amountCents
        ? finding('AMOUNT_ROSE', 'same arrears signalled again with a higher amount')
        : finding('REPEAT_SIGNAL', 'same arrears signalled again within the matching period without a higher amount');
    },
  },
];

/** The names of the rules in the order `evaluateSignal` applies them (the last part of a `ruleId`). */
export const RULE_ORDER: readonly string[] = RULE_STEPS.map((step) => step.name);

/**
 * Judges a valid signal by the rules in force on its signal date. Pure: everything it needs is in the
 * signal and the context. An accepted signal's reason is the last exception that let it through
 * (ACCEPTED_OUTSIDE_LCV_WINDOW, AMOUNT_ROSE), or ACCEPTED.
 */
export function evaluateSignal(signal: NormalisedSignal, context: RuleContext): RuleDecision {
  return evaluate(signal, context, RULE_STEPS);
}

const BEFORE_ROUTING_STEPS = RULE_STEPS.filter((step) => step.beforeRouting);

/** The names of the rules {@link screenBeforeRouting} applies. */
export const BEFORE_ROUTING_RULES: readonly string[] = BEFORE_ROUTING_STEPS.map((step) => step.name);

/**
 * The rules that need no municipality (attestations, objection, the end-of-supply lifecycle, the
 * arrears date, a sector's own day window), for a signal that cannot be routed yet. Returns the
 * decision when one of them stops the signal, null when it may be held for the operator to route —
 * after which `evaluateSignal` judges it in full for the chosen municipality. Experiment windows and
 * amounts depend on the municipality's policy and wait for routing.
 */
export function screenBeforeRouting(
  signal: NormalisedSignal,
  context: Pick<RuleContext, 'previous' | 'ruleSets'>,
): RuleDecision | null {
  const result = evaluate(
    signal,
    { agreement: null, policy: DEFAULT_MUNICIPALITY_POLICY, ...context },
    BEFORE_ROUTING_STEPS,
  );
  return result.outcome === 'ACCEPTED' ? null : result;
}

function evaluate(signal: NormalisedSignal, context: RuleContext, steps: readonly RuleStep[]): RuleDecision {
  const applied = ruleSetFor(signal.signalDate, signal.sector, context.ruleSets ?? RULE_SETS);
  if (applied === null) {
    return decision(
      finding('NO_RULE_SET', 'no rule set in force for this sector on the signal date'),
      `NONE/${signal.sector}/rule-set`,
      '',
    );
  }
  const ruleId = (name: string) => `${applied.ruleSet.id}/${signal.sector}/${name}`;
  let accepted: { finding: Finding; ruleId: string } = {
    finding: finding('ACCEPTED', `passed every rule (${applied.rule.source})`),
    ruleId: ruleId('accepted'),
  };
  for (const step of steps) {
    if (!step.kinds.includes(signal.kind)) continue;
    const found = step.check(signal, context, applied);
    if (found === null) continue;
    if (RULE_REASONS[found.reason] !== 'ACCEPTED') return decision(found, ruleId(step.name), applied.ruleSet.version);
    accepted = { finding: found, ruleId: ruleId(step.name) };
  }
  return decision(accepted.finding, accepted.ruleId, applied.ruleSet.version);
}

function decision({ reason, detail }: Finding, ruleId: string, ruleVersion: string): RuleDecision {
  return { outcome: RULE_REASONS[reason], reason, detail, ruleId, ruleVersion };
}
