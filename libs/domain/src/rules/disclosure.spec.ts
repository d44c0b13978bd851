import { describe, expect, it } from '@jest/globals';
import {
  CASE_RESULTS,
  caseResultFromLabel,
  discloseCaseResult,
  discloseRuleDecision,
  discloseSignalStatus,
  FEEDBACK_DISCLOSURES,
  SIGNAL_STATUSES,
  signalStatusForCaseResult,
  signalStatusForOutcome,
  signalStatusFromLabel,
  type CaseResult,
  type FeedbackDisclosure,
  type SignalStatus,
} from './disclosure.js';
import type { RuleDecision } from './evaluate.js';
import { RULE_REASONS, type RuleReason } from './reason.js';

describe('DDAS v1.2 enums (json_schema_Uitwisselmodel.json)', () => {
  it('CASE_RESULTS holds exactly the 16 EnumEindresultaat values', () => {
    expect(Object.values(CASE_RESULTS).sort()).toEqual([
      '(Budget)advies en/of quick fix',
      'Definitief geen contact kunnen krijgen',
      'Geen reactie na eerder contact',
      'Inwoner al bekend bij schuldhulpverlening',
      'Inwoner heeft al een ander lopend traject',
      'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
      'Inwoner is overleden',
      'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
      'Niet opgepakt: andere reden',
      'Niet opgepakt: herhaalde melding',
      'Niet opgepakt: onterecht signaal',
      'Persoon is geen inwoner (meer) in de gemeente',
      'Vervolghulp en/of verwijzing',
      'Vervolghulp en/of verwijzing financieel',
      'Vervolghulp en/of verwijzing niet financieel',
      'Verwijzing zonder tussenkomst inwoner',
    ]);
  });

  it('SIGNAL_STATUSES holds exactly the 8 EnumSignaalstatus values', () => {
    expect(Object.values(SIGNAL_STATUSES).sort()).toEqual([
      'Inwoner al bekend bij schuldhulpverlening',
      'Inwoner is overleden',
      'Niet opgepakt: andere reden',
      'Niet opgepakt: herhaalde melding',
      'Niet opgepakt: onterecht signaal',
      'Nog niet opgepakt',
      'Opgepakt',
      'Persoon is geen inwoner (meer) in de gemeente',
    ]);
  });

  it.each(Object.entries(CASE_RESULTS))('case result %s ↔ %p', (code, label) => {
    expect(caseResultFromLabel(label)).toBe(code);
  });

  it.each(Object.entries(SIGNAL_STATUSES))('signal status %s ↔ %p', (code, label) => {
    expect(signalStatusFromLabel(label)).toBe(code);
  });

  it.each([['Niet opgepakt'], ['niet opgepakt: andere reden'], ['']])('%p is not a DDAS value', (label) => {
    expect(caseResultFromLabel(label)).toBeNull();
    expect(signalStatusFromLabel(label)).toBeNull();
  });
});

describe('FeedbackDisclosure', () => {
  it('has the names of the contract’s FeedbackStatus values 1–11, in order', () => {
    expect(FEEDBACK_DISCLOSURES).toEqual([
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
    ]);
  });
});

describe('discloseCaseResult (DOMAIN.md, "Feedback to the creditor")', () => {
  it('tells "Niet opgepakt: andere reden" as plain NOT_PICKED_UP, without a reason', () => {
    const code = caseResultFromLabel('Niet opgepakt: andere reden');
    expect(code).toBe('NOT_PICKED_UP_OTHER');
    expect(discloseCaseResult(code!)).toEqual({ status: 'NOT_PICKED_UP', reasonCode: null });
  });

  it.each<[CaseResult, FeedbackDisclosure, string]>([
    ['NOT_PICKED_UP_REPEAT', 'NOT_PICKED_UP_REPEAT', 'disclosed by name: "herhaalde melding"'],
    ['NOT_PICKED_UP_UNFOUNDED', 'NOT_PICKED_UP_UNFOUNDED', 'disclosed by name: "onterecht signaal"'],
    ['DECEASED', 'DECEASED', 'disclosed by name: "overleden"'],
    ['NOT_A_RESIDENT', 'NOT_A_RESIDENT', 'disclosed by name: "geen inwoner (meer)", told automatically'],
    ['NOT_PICKED_UP_OTHER', 'NOT_PICKED_UP', 'reason withheld (detention, unsafe-contact list, staff…)'],
    ['ALREADY_KNOWN', 'NOT_PICKED_UP', 'reason withheld: being in debt help is not the creditor’s to know'],
    ['ADVICE_OR_QUICK_FIX', 'HELP_ACCEPTED', 'whether help was accepted'],
    ['FOLLOW_UP_HELP', 'HELP_ACCEPTED', 'whether help was accepted'],
    ['FOLLOW_UP_HELP_FINANCIAL', 'HELP_ACCEPTED', 'whether help was accepted; not which kind'],
    ['FOLLOW_UP_HELP_NON_FINANCIAL', 'HELP_ACCEPTED', 'whether help was accepted; not which kind'],
    ['NO_HELP_WANTED', 'HELP_DECLINED', 'whether help was accepted'],
    ['NO_CONTACT', 'RESOLVED', 'never reached: neither accepted nor declined'],
    ['NO_RESPONSE_AFTER_CONTACT', 'RESOLVED', 'no answer is not a refusal'],
    ['OTHER_TRAJECTORY', 'RESOLVED', 'another running trajectory is not disclosed'],
    ['PAID_OR_ARRANGEMENT', 'RESOLVED', 'closed; the creditor sees the payment itself'],
    ['REFERRAL_WITHOUT_RESIDENT', 'RESOLVED', 'referred without the resident: not the resident accepting'],
  ])('%s → %s (%s)', (caseResult, status) => {
    expect(discloseCaseResult(caseResult)).toEqual({ status, reasonCode: null });
  });
});

describe('discloseSignalStatus', () => {
  it.each<[SignalStatus, FeedbackDisclosure]>([
    ['NOT_YET_PICKED_UP', 'ACCEPTED'],
    ['PICKED_UP', 'PICKED_UP'],
    ['NOT_PICKED_UP_REPEAT', 'NOT_PICKED_UP_REPEAT'],
    ['NOT_PICKED_UP_UNFOUNDED', 'NOT_PICKED_UP_UNFOUNDED'],
    ['NOT_PICKED_UP_OTHER', 'NOT_PICKED_UP'],
    ['ALREADY_KNOWN', 'NOT_PICKED_UP'],
    ['DECEASED', 'DECEASED'],
    ['NOT_A_RESIDENT', 'NOT_A_RESIDENT'],
  ])('%s → %s, without a reason', (status, disclosed) => {
    expect(discloseSignalStatus(status)).toEqual({ status: disclosed, reasonCode: null });
  });
});

describe('discloseRuleDecision (feedback.proto: reason_code only for REJECTED)', () => {
  it.each((Object.keys(RULE_REASONS) as RuleReason[]).map((reason) => [reason, RULE_REASONS[reason]] as const))(
    '%s (%s)',
    (reason, outcome) => {
      const decision: Pick<RuleDecision, 'outcome' | 'reason'> = { outcome, reason };
      expect(discloseRuleDecision(decision)).toEqual({
        status: outcome,
        reasonCode: outcome === 'REJECTED' ? reason : null,
      });
    },
  );
});

describe('signalStatusForOutcome', () => {
  it.each<[RuleDecision['outcome'], SignalStatus | null]>([
    ['ACCEPTED', 'NOT_YET_PICKED_UP'],
    ['NOT_PICKED_UP_UNFOUNDED', 'NOT_PICKED_UP_UNFOUNDED'],
    ['NOT_PICKED_UP_REPEAT', 'NOT_PICKED_UP_REPEAT'],
    ['REJECTED', null], // stays at the hub
    ['RESOLVED', null], // a withdrawal changes the earlier signal
  ])('%s → %p', (outcome, status) => {
    expect(signalStatusForOutcome(outcome)).toBe(status);
  });
});

describe('signalStatusForCaseResult', () => {
  it.each([
    ['NOT_PICKED_UP_OTHER', 'NOT_PICKED_UP_OTHER'],
    ['NOT_PICKED_UP_REPEAT', 'NOT_PICKED_UP_REPEAT'],
    ['NOT_PICKED_UP_UNFOUNDED', 'NOT_PICKED_UP_UNFOUNDED'],
    ['ALREADY_KNOWN', 'ALREADY_KNOWN'],
    ['DECEASED', 'DECEASED'],
    ['NOT_A_RESIDENT', 'NOT_A_RESIDENT'],
    ['FOLLOW_UP_HELP', 'PICKED_UP'],
    ['NO_CONTACT', 'PICKED_UP'],
    ['ADVICE_OR_QUICK_FIX', 'PICKED_UP'],
  ] as const)('a case closed as %s leaves its signals %s (DDAS v1.2 EnumSignaalstatus)', (result, status) => {
    expect(signalStatusForCaseResult(result)).toBe(status);
  });
});
