import { describe, expect, it } from '@jest/globals';
import type { Sector } from '../signal.js';
import type { NormalisedSignal } from '../validation.js';
import { addDays } from './calendar.js';
import {
  BEFORE_ROUTING_RULES,
  evaluateSignal,
  RULE_ORDER,
  screenBeforeRouting,
  type PreviousSignal,
  type RuleContext,
  type RuleDecision,
} from './evaluate.js';
import { DEFAULT_MUNICIPALITY_POLICY, type MunicipalityPolicy } from './policy.js';
import { RULE_REASONS } from './reason.js';
import type { RuleSet } from './rule-set.js';
import { aRentSignal } from './signal.fixture.js';

// A rent signal that passes every rule: 72 days in arrears, all four attestations.
const base: NormalisedSignal = aRentSignal({
  surname: 'Zwaluwstaart',
  amountCents: 987_654n,
  customerNumber: 'K-424242',
  houseNumberAddition: '',
  householdKey: '1096AB|12|A|',
});

const baseContext: RuleContext = {
  agreement: { validFrom: '2022-01-01', validTo: null },
  policy: DEFAULT_MUNICIPALITY_POLICY,
  previous: null,
};

type SignalChanges = Partial<NormalisedSignal>;
type ContextChanges = Partial<Omit<RuleContext, 'policy'>> & { policy?: Partial<MunicipalityPolicy> };

function judge(changes: SignalChanges = {}, context: ContextChanges = {}): RuleDecision {
  return evaluateSignal(
    { ...base, ...changes },
    { ...baseContext, ...context, policy: { ...DEFAULT_MUNICIPALITY_POLICY, ...context.policy } },
  );
}

/** A signal of `sector` on `signalDate`, `days` days in arrears. */
function inArrears(sector: Sector, signalDate: string, days: number): SignalChanges {
  return { sector, signalDate, arrearsSince: addDays(signalDate, -days), reminderSentOn: addDays(signalDate, -1) };
}

const previous = (changes: Partial<PreviousSignal> = {}): PreviousSignal => ({
  kind: 'NEW',
  amountCents: base.amountCents,
  signalDate: '2025-02-12',
  ...changes,
});

// Expected [outcome, reason, ruleId] of a decision.
type Expected = [RuleDecision['outcome'], RuleDecision['reason'], string];
const summary = (decision: RuleDecision): Expected => [decision.outcome, decision.reason, decision.ruleId];

describe('evaluateSignal: the signal that passes every rule', () => {
  it('is accepted under LCV 2022-11', () => {
    expect(judge()).toEqual({
      outcome: 'ACCEPTED',
      reason: 'ACCEPTED',
      detail: 'passed every rule (LCV Nov 2022: rent from 30 days; Bgs art. 2)',
      ruleId: 'LCV/HUUR/accepted',
      ruleVersion: '2022-11',
    });
  });
});

describe('evaluateSignal: day windows (LCV, windows as amended Nov 2022)', () => {
  it.each<[string, SignalChanges, Expected]>([
    [
      'Huur 29 days: rent from 30 days',
      inArrears('HUUR', '2025-03-14', 29),
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/HUUR/window'],
    ],
    ['Huur 30 days', inArrears('HUUR', '2025-03-14', 30), ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted']],
    ['Huur 400 days: no maximum', inArrears('HUUR', '2025-03-14', 400), ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted']],
    [
      'Zorg 29 days: 30 to 100 days',
      inArrears('ZORG', '2025-03-14', 29),
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/ZORG/window'],
    ],
    ['Zorg 30 days', inArrears('ZORG', '2025-03-14', 30), ['ACCEPTED', 'ACCEPTED', 'LCV/ZORG/accepted']],
    ['Zorg 100 days', inArrears('ZORG', '2025-03-14', 100), ['ACCEPTED', 'ACCEPTED', 'LCV/ZORG/accepted']],
    [
      'Zorg 101 days',
      inArrears('ZORG', '2025-03-14', 101),
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/ZORG/window'],
    ],
    [
      'CAK Zorgverzekeringen exactly 6 months: more than 6 months required',
      {
        sector: 'CAK_ZORGVERZEKERINGEN',
        arrearsSince: '2025-01-15',
        signalDate: '2025-07-15',
        reminderSentOn: '2025-07-01',
      },
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/CAK_ZORGVERZEKERINGEN/window'],
    ],
    [
      'CAK Zorgverzekeringen 6 months and 1 day',
      {
        sector: 'CAK_ZORGVERZEKERINGEN',
        arrearsSince: '2025-01-15',
        signalDate: '2025-07-16',
        reminderSentOn: '2025-07-01',
      },
      ['ACCEPTED', 'ACCEPTED', 'LCV/CAK_ZORGVERZEKERINGEN/accepted'],
    ],
    [
      'CAK Zorgverzekeringen from 31 August: 6 months end on 28 February',
      {
        sector: 'CAK_ZORGVERZEKERINGEN',
        arrearsSince: '2025-08-31',
        signalDate: '2026-02-28',
        reminderSentOn: '2026-02-01',
      },
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/CAK_ZORGVERZEKERINGEN/window'],
    ],
    [
      'CAK Zorgverzekeringen from 31 August, signalled 1 March',
      {
        sector: 'CAK_ZORGVERZEKERINGEN',
        arrearsSince: '2025-08-31',
        signalDate: '2026-03-01',
        reminderSentOn: '2026-02-01',
      },
      ['ACCEPTED', 'ACCEPTED', 'LCV/CAK_ZORGVERZEKERINGEN/accepted'],
    ],
    [
      'Energie 29 days: the energy regulation takes precedence over the window',
      inArrears('ENERGIE', '2025-03-14', 29),
      ['ACCEPTED', 'ACCEPTED_OUTSIDE_LCV_WINDOW', 'LCV/ENERGIE/window'],
    ],
    ['Energie 30 days', inArrears('ENERGIE', '2025-03-14', 30), ['ACCEPTED', 'ACCEPTED', 'LCV/ENERGIE/accepted']],
    [
      'Energie 2026, 10 days: still accepted under the 2026 energy rules',
      inArrears('ENERGIE', '2026-03-02', 10),
      ['ACCEPTED', 'ACCEPTED_OUTSIDE_LCV_WINDOW', 'ENERGY_REGULATION/ENERGIE/window'],
    ],
    [
      'Water 10 days: the water regulation takes precedence over the window',
      inArrears('WATER', '2025-03-14', 10),
      ['ACCEPTED', 'ACCEPTED_OUTSIDE_LCV_WINDOW', 'LCV/WATER/window'],
    ],
    [
      'Water 1000 days: no maximum',
      inArrears('WATER', '2025-03-14', 1000),
      ['ACCEPTED', 'ACCEPTED', 'LCV/WATER/accepted'],
    ],
    [
      'arrears beginning after the signal date: a data error the creditor must fix',
      { sector: 'ENERGIE', arrearsSince: '2025-03-15' },
      ['REJECTED', 'ARREARS_SINCE_AFTER_SIGNAL_DATE', 'LCV/ENERGIE/arrears-date'],
    ],
  ])('%s', (_source, changes, expected) => {
    expect(summary(judge(changes))).toEqual(expected);
  });

  it('says why without the number of days, an amount or a name', () => {
    expect(judge(inArrears('ZORG', '2025-03-14', 101)).detail).toBe(
      'more than 100 days in arrears (LCV Nov 2022: health insurance from 30 to 100 days)',
    );
  });
});

describe('evaluateSignal: attestations (Bgs art. 2; energy and water regulations)', () => {
  it.each<[string, SignalChanges, Expected]>([
    [
      'objection received (Bgs art. 2 d)',
      { objectionReceived: true },
      ['REJECTED', 'OBJECTION_RECEIVED', 'LCV/HUUR/objection'],
    ],
    [
      'an objection outranks every missing attestation: the data may not be passed on at all',
      { objectionReceived: true, personalContactAttempted: false, objectionOffered: false },
      ['REJECTED', 'OBJECTION_RECEIVED', 'LCV/HUUR/objection'],
    ],
    [
      'no personal contact attempted (Bgs art. 2 a)',
      { personalContactAttempted: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/personal-contact'],
    ],
    [
      'not referred to debt help (Bgs art. 2 b)',
      { referredToDebtHelp: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/debt-help-referral'],
    ],
    [
      'no written reminder (Bgs art. 2 c)',
      { reminderSentOn: '' },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/reminder'],
    ],
    [
      'reminder dated after the signal (Bgs art. 2 c)',
      { reminderSentOn: '2025-03-15' },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/reminder'],
    ],
    ['reminder on the signal date', { reminderSentOn: '2025-03-14' }, ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted']],
    [
      'reminder without the offer to pass on the data (Bgs art. 2 d)',
      { objectionOffered: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/objection-offered'],
    ],
    [
      'Zorg without personal contact (DOMAIN.md: all sectors share the preconditions)',
      { sector: 'ZORG', personalContactAttempted: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'LCV/ZORG/personal-contact'],
    ],
    [
      'Energie 2025-12-31 without personal contact: not yet required (LCV 2022-11)',
      { ...inArrears('ENERGIE', '2025-12-31', 60), personalContactAttempted: false },
      ['ACCEPTED', 'ACCEPTED', 'LCV/ENERGIE/accepted'],
    ],
    [
      'Energie 2026-01-01 without personal contact: required from this day (energy regulation 2026)',
      { ...inArrears('ENERGIE', '2026-01-01', 60), personalContactAttempted: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'ENERGY_REGULATION/ENERGIE/personal-contact'],
    ],
    [
      'Energie 2026-01-02 without personal contact (energy regulation 2026)',
      { ...inArrears('ENERGIE', '2026-01-02', 60), personalContactAttempted: false },
      ['REJECTED', 'ATTESTATION_MISSING', 'ENERGY_REGULATION/ENERGIE/personal-contact'],
    ],
    [
      'Energie 2026-01-02 with personal contact (energy regulation 2026)',
      inArrears('ENERGIE', '2026-01-02', 60),
      ['ACCEPTED', 'ACCEPTED', 'ENERGY_REGULATION/ENERGIE/accepted'],
    ],
  ])('%s', (_source, changes, expected) => {
    expect(summary(judge(changes))).toEqual(expected);
  });

  it('cites the rule set version in force on the signal date', () => {
    const changes = { ...inArrears('ENERGIE', '2026-01-02', 60), personalContactAttempted: false };
    expect(judge(changes)).toMatchObject({
      ruleVersion: '2026-01',
      detail:
        'personalContactAttempted: required (Energy regulation 2026: personal contact before the first signal; LCV window from 30 days)',
    });
  });

  it('does not ask a withdrawal for attestations: it only says the arrears are resolved', () => {
    const withdrawal = {
      kind: 'WITHDRAWN',
      personalContactAttempted: false,
      reminderSentOn: '',
      objectionOffered: false,
    } as const;
    expect(summary(judge(withdrawal, { previous: previous() }))).toEqual([
      'RESOLVED',
      'WITHDRAWN',
      'LCV/HUUR/withdrawn',
    ]);
  });
});

describe('evaluateSignal: the agreement (NVVK model agreement, creditor × municipality × sector)', () => {
  // The signal date is 2025-03-14.
  it.each<[string, RuleContext['agreement'], Expected]>([
    ['no agreement', null, ['REJECTED', 'NO_AGREEMENT', 'LCV/HUUR/agreement']],
    ['starts tomorrow', { validFrom: '2025-03-15', validTo: null }, ['REJECTED', 'NO_AGREEMENT', 'LCV/HUUR/agreement']],
    [
      'starts on the signal date',
      { validFrom: '2025-03-14', validTo: null },
      ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted'],
    ],
    [
      'ended yesterday',
      { validFrom: '2022-01-01', validTo: '2025-03-13' },
      ['REJECTED', 'NO_AGREEMENT', 'LCV/HUUR/agreement'],
    ],
    [
      'ends on the signal date (last day inclusive)',
      { validFrom: '2022-01-01', validTo: '2025-03-14' },
      ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted'],
    ],
  ])('%s', (_case, agreement, expected) => {
    expect(summary(judge({}, { agreement }))).toEqual(expected);
  });

  it('checks attestations before the agreement', () => {
    expect(judge({ referredToDebtHelp: false }, { agreement: null }).reason).toBe('ATTESTATION_MISSING');
  });

  it('refuses a withdrawal without an agreement too', () => {
    expect(judge({ kind: 'WITHDRAWN' }, { agreement: null, previous: previous() }).reason).toBe('NO_AGREEMENT');
  });
});

describe('evaluateSignal: experiment sectors (experiment regulations, per municipality)', () => {
  const experimentSectors = [
    'CAK_EIGEN_BIJDRAGE',
    'BELASTINGDIENST',
    'DIENST_TOESLAGEN',
    'DUO',
    'HYPOTHEEK',
    'OVERIGE',
  ] as const;

  it.each(experimentSectors.map((sector) => [sector]))('%s where the municipality has no experiment', (sector) => {
    expect(summary(judge({ sector }))).toEqual(['REJECTED', 'EXPERIMENT_NOT_CONFIGURED', `LCV/${sector}/experiment`]);
  });

  const toeslagen = { experiments: { DIENST_TOESLAGEN: { minAmountCents: 60_000n } } };
  const eigenBijdrage = { experiments: { CAK_EIGEN_BIJDRAGE: { minDays: 150, minAmountCents: 10_000n } } };
  it.each<[string, SignalChanges, Partial<MunicipalityPolicy>, Expected]>([
    [
      'DUO configured without bounds, 5 days',
      inArrears('DUO', '2025-03-14', 5),
      { experiments: { DUO: {} } },
      ['ACCEPTED', 'ACCEPTED', 'LCV/DUO/accepted'],
    ],
    [
      'Toeslagen below €600',
      { sector: 'DIENST_TOESLAGEN', amountCents: 59_999n },
      toeslagen,
      ['NOT_PICKED_UP_UNFOUNDED', 'BELOW_MINIMUM_AMOUNT', 'LCV/DIENST_TOESLAGEN/experiment-amount'],
    ],
    [
      'Toeslagen at €600',
      { sector: 'DIENST_TOESLAGEN', amountCents: 60_000n },
      toeslagen,
      ['ACCEPTED', 'ACCEPTED', 'LCV/DIENST_TOESLAGEN/accepted'],
    ],
    [
      'CAK eigen bijdrage 149 days with a 150-day minimum',
      { ...inArrears('CAK_EIGEN_BIJDRAGE', '2025-06-30', 149), amountCents: 10_000n },
      eigenBijdrage,
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/CAK_EIGEN_BIJDRAGE/window'],
    ],
    [
      'CAK eigen bijdrage 150 days, €100',
      { ...inArrears('CAK_EIGEN_BIJDRAGE', '2025-06-30', 150), amountCents: 10_000n },
      eigenBijdrage,
      ['ACCEPTED', 'ACCEPTED', 'LCV/CAK_EIGEN_BIJDRAGE/accepted'],
    ],
    [
      'an experiment entry for an LCV sector does not widen the LCV window',
      inArrears('HUUR', '2025-03-14', 20),
      { experiments: { HUUR: { minDays: 10 } } },
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/HUUR/window'],
    ],
  ])('%s', (_case, changes, policy, expected) => {
    expect(summary(judge(changes, { policy }))).toEqual(expected);
  });
});

describe('evaluateSignal: END_OF_SUPPLY (energy regulation: early signal → update → end of supply)', () => {
  // 2026-03-02 is a Monday; March 2026 has no holidays, so 20 working days later is 2026-03-30.
  const endOfSupply = (supplyEndDate: string, signalDate = '2026-03-02'): SignalChanges => ({
    ...inArrears('ENERGIE', signalDate, 90),
    kind: 'END_OF_SUPPLY',
    supplyEndDate,
  });
  const earlier = previous({ signalDate: '2026-02-02' });

  it.each<[string, SignalChanges, PreviousSignal | null, Expected]>([
    [
      'without an earlier signal',
      endOfSupply('2026-06-01'),
      null,
      ['REJECTED', 'END_OF_SUPPLY_WITHOUT_EARLIER_SIGNAL', 'ENERGY_REGULATION/ENERGIE/end-of-supply'],
    ],
    [
      'supply ends 19 working days after the signal',
      endOfSupply('2026-03-27'),
      earlier,
      ['REJECTED', 'SUPPLY_END_TOO_SOON', 'ENERGY_REGULATION/ENERGIE/end-of-supply'],
    ],
    [
      'supply ends 20 working days after the signal',
      endOfSupply('2026-03-30'),
      earlier,
      ['ACCEPTED', 'ACCEPTED', 'ENERGY_REGULATION/ENERGIE/accepted'],
    ],
    [
      '19 working days across Goede Vrijdag, Easter Monday and Koningsdag 2026 (Atw art. 3)',
      endOfSupply('2026-05-01', '2026-04-01'),
      earlier,
      ['REJECTED', 'SUPPLY_END_TOO_SOON', 'ENERGY_REGULATION/ENERGIE/end-of-supply'],
    ],
    [
      '20 working days across Goede Vrijdag, Easter Monday and Koningsdag 2026 (Atw art. 3)',
      endOfSupply('2026-05-04', '2026-04-01'),
      earlier,
      ['ACCEPTED', 'ACCEPTED', 'ENERGY_REGULATION/ENERGIE/accepted'],
    ],
    [
      'after an earlier signal of any kind, with the same amount: the escalation is never a repeat',
      endOfSupply('2026-04-30'),
      previous({ kind: 'UPDATE', signalDate: '2026-02-20' }),
      ['ACCEPTED', 'ACCEPTED', 'ENERGY_REGULATION/ENERGIE/accepted'],
    ],
    [
      'water: the contract applies the same notice (documented default)',
      { ...endOfSupply('2026-03-27'), sector: 'WATER' },
      earlier,
      ['REJECTED', 'SUPPLY_END_TOO_SOON', 'LCV/WATER/end-of-supply'],
    ],
    [
      'rent has no supply to end',
      { ...endOfSupply('2026-06-01'), sector: 'HUUR' },
      earlier,
      ['REJECTED', 'END_OF_SUPPLY_NOT_APPLICABLE', 'LCV/HUUR/end-of-supply'],
    ],
  ])('%s', (_case, changes, previousSignal, expected) => {
    expect(summary(judge(changes, { previous: previousSignal }))).toEqual(expected);
  });

  it('names the earliest allowed supply end date, which is not personal data', () => {
    expect(judge(endOfSupply('2026-03-27'), { previous: earlier }).detail).toBe(
      'supplyEndDate: must be at least 20 working days after the signal date, on or after 2026-03-30',
    );
  });
});

describe('evaluateSignal: WITHDRAWN', () => {
  it.each<[string, PreviousSignal | null, Expected]>([
    ['after an earlier signal', previous(), ['RESOLVED', 'WITHDRAWN', 'LCV/HUUR/withdrawn']],
    ['after an earlier withdrawal', previous({ kind: 'WITHDRAWN' }), ['RESOLVED', 'WITHDRAWN', 'LCV/HUUR/withdrawn']],
    ['for a reference the hub does not know', null, ['REJECTED', 'WITHDRAWN_UNKNOWN_SIGNAL', 'LCV/HUUR/withdrawn']],
  ])('%s', (_case, previousSignal, expected) => {
    expect(summary(judge({ kind: 'WITHDRAWN' }, { previous: previousSignal }))).toEqual(expected);
  });

  it('is resolved whatever the window says: a paid-off signal has no arrears to time', () => {
    const decision = judge({ kind: 'WITHDRAWN', ...inArrears('HUUR', '2025-03-14', 3) }, { previous: previous() });
    expect(decision.outcome).toBe('RESOLVED');
  });
});

describe('evaluateSignal: minimum amount of the municipality (drempelbedrag)', () => {
  it.each<[string, SignalChanges, Expected]>([
    [
      '€74.99 under a €75 minimum',
      { amountCents: 7_499n },
      ['NOT_PICKED_UP_UNFOUNDED', 'BELOW_MINIMUM_AMOUNT', 'LCV/HUUR/minimum-amount'],
    ],
    ['exactly €75', { amountCents: 7_500n }, ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted']],
    [
      'energy outside the window is still held to the municipal minimum',
      { ...inArrears('ENERGIE', '2025-03-14', 10), amountCents: 7_499n },
      ['NOT_PICKED_UP_UNFOUNDED', 'BELOW_MINIMUM_AMOUNT', 'LCV/ENERGIE/minimum-amount'],
    ],
    [
      'outside the window and below the minimum: the window decides first',
      { ...inArrears('HUUR', '2025-03-14', 10), amountCents: 7_499n },
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/HUUR/window'],
    ],
  ])('%s', (_case, changes, expected) => {
    expect(summary(judge(changes, { policy: { minimumAmountCents: 7_500n } }))).toEqual(expected);
  });

  it('has no minimum by default', () => {
    expect(judge({ amountCents: 1n }).outcome).toBe('ACCEPTED');
  });
});

describe('evaluateSignal: repeat signals (DOMAIN.md: not picked up unless the amount rose)', () => {
  // The base signal is dated 2025-03-14 with 987,654 cents.
  it.each<[string, SignalChanges, PreviousSignal, Expected]>([
    [
      'UPDATE with the same amount',
      { kind: 'UPDATE' },
      previous(),
      ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/HUUR/repeat'],
    ],
    [
      'UPDATE with a lower amount',
      { kind: 'UPDATE', amountCents: 500_000n },
      previous(),
      ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/HUUR/repeat'],
    ],
    [
      'UPDATE with a higher amount',
      { kind: 'UPDATE', amountCents: 987_655n },
      previous(),
      ['ACCEPTED', 'AMOUNT_ROSE', 'LCV/HUUR/repeat'],
    ],
    ['NEW again with the same amount', {}, previous(), ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/HUUR/repeat']],
    [
      'NEW again with a higher amount',
      { amountCents: 1_000_000n },
      previous(),
      ['ACCEPTED', 'AMOUNT_ROSE', 'LCV/HUUR/repeat'],
    ],
    [
      'previous signal exactly 183 days earlier (default matching period)',
      { kind: 'UPDATE' },
      previous({ signalDate: addDays('2025-03-14', -183) }),
      ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/HUUR/repeat'],
    ],
    [
      'previous signal 184 days earlier: outside the matching period',
      { kind: 'UPDATE' },
      previous({ signalDate: addDays('2025-03-14', -184) }),
      ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted'],
    ],
    [
      'a delayed older signal after a newer one with the same amount',
      { kind: 'UPDATE' },
      previous({ signalDate: '2025-03-20' }),
      ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/HUUR/repeat'],
    ],
    [
      'after a withdrawal the arrears are new again',
      {},
      previous({ kind: 'WITHDRAWN' }),
      ['ACCEPTED', 'ACCEPTED', 'LCV/HUUR/accepted'],
    ],
    [
      'energy outside the window with the same amount is still a repeat',
      { ...inArrears('ENERGIE', '2025-03-14', 10), kind: 'UPDATE' },
      previous(),
      ['NOT_PICKED_UP_REPEAT', 'REPEAT_SIGNAL', 'LCV/ENERGIE/repeat'],
    ],
    [
      'energy outside the window with a higher amount: the last exception names the reason',
      { ...inArrears('ENERGIE', '2025-03-14', 10), kind: 'UPDATE', amountCents: 1_000_000n },
      previous(),
      ['ACCEPTED', 'AMOUNT_ROSE', 'LCV/ENERGIE/repeat'],
    ],
  ])('%s', (_case, changes, previousSignal, expected) => {
    expect(summary(judge(changes, { previous: previousSignal }))).toEqual(expected);
  });

  it('follows the municipality’s matching period', () => {
    const changes: SignalChanges = { kind: 'UPDATE' };
    const earlier = previous({ signalDate: addDays('2025-03-14', -31) });
    expect(judge(changes, { previous: earlier, policy: { matchingPeriodDays: 30 } }).reason).toBe('ACCEPTED');
    expect(judge(changes, { previous: earlier, policy: { matchingPeriodDays: 31 } }).reason).toBe('REPEAT_SIGNAL');
  });
});

describe('evaluateSignal: rule sets in force', () => {
  it('refuses a signal dated before any rule set', () => {
    expect(judge({ signalDate: '2022-10-31', arrearsSince: '2022-08-01', reminderSentOn: '2022-10-01' })).toEqual({
      outcome: 'REJECTED',
      reason: 'NO_RULE_SET',
      detail: 'no rule set in force for this sector on the signal date',
      ruleId: 'NONE/HUUR/rule-set',
      ruleVersion: '',
    });
  });

  it('judges by the rule sets it is given', () => {
    const shorterRentWindow: RuleSet = {
      id: 'TEST',
      version: '2030-01',
      effectiveFrom: '2025-01-01',
      source: 'a test amendment',
      sectors: {
        HUUR: {
          window: { minDays: 14 },
          acceptOutsideWindow: false,
          personalContactRequired: true,
          endOfSupply: null,
          allowedFields: ['surname'],
          source: 'test: rent from 14 days',
        },
      },
    };
    const changes = inArrears('HUUR', '2025-03-14', 20);
    expect(judge(changes).reason).toBe('OUTSIDE_WINDOW');
    expect(judge(changes, { ruleSets: [shorterRentWindow] })).toMatchObject({
      outcome: 'ACCEPTED',
      ruleId: 'TEST/HUUR/accepted',
      ruleVersion: '2030-01',
    });
  });

  it('applies the rules in the documented order', () => {
    expect(RULE_ORDER).toEqual([
      'objection',
      'personal-contact',
      'debt-help-referral',
      'reminder',
      'objection-offered',
      'agreement',
      'experiment',
      'end-of-supply',
      'withdrawn',
      'arrears-date',
      'window',
      'experiment-amount',
      'minimum-amount',
      'repeat',
    ]);
  });

  it('gives each reason the outcome of its table row', () => {
    const decisions = [
      judge(),
      judge({ objectionReceived: true }),
      judge({ kind: 'WITHDRAWN' }, { previous: previous() }),
      judge(inArrears('HUUR', '2025-03-14', 10)),
      judge({ kind: 'UPDATE' }, { previous: previous() }),
    ];
    for (const decision of decisions) expect(decision.outcome).toBe(RULE_REASONS[decision.reason]);
  });
});

describe('evaluateSignal: details carry no personal data', () => {
  const decisions: RuleDecision[] = [
    judge({ objectionReceived: true }),
    judge({ personalContactAttempted: false }),
    judge({ reminderSentOn: '2025-03-15' }),
    judge({}, { agreement: null }),
    judge({ sector: 'DUO' }),
    judge(inArrears('HUUR', '2025-03-14', 10)),
    judge(inArrears('ENERGIE', '2025-03-14', 10)),
    judge({ amountCents: 1n }, { policy: { minimumAmountCents: 7_500n } }),
    judge({ kind: 'UPDATE' }, { previous: previous() }),
    judge({ kind: 'WITHDRAWN' }, { previous: null }),
    judge({ kind: 'END_OF_SUPPLY', sector: 'ENERGIE', supplyEndDate: '2025-03-20' }, { previous: previous() }),
    judge(),
  ];

  it.each(decisions.map((decision) => [decision.ruleId, decision.detail]))('%s: %s', (_ruleId, detail) => {
    for (const personal of [
      'Zwaluwstaart',
      'Jan Pieter',
      '1096AB',
      'Kruislaan',
      '111222333',
      'K-424242',
      '987654',
      '9876.54',
      '1980-02-29',
    ]) {
      expect(detail).not.toContain(personal);
    }
  });
});

describe('screenBeforeRouting: the rules that need no municipality', () => {
  const screen = (changes: SignalChanges = {}, earlier: PreviousSignal | null = null) =>
    screenBeforeRouting({ ...base, ...changes }, { previous: earlier });

  it('applies the attestations, the lifecycle, the arrears date and the window, never agreement, policy or repeat', () => {
    expect(BEFORE_ROUTING_RULES).toEqual([
      'objection',
      'personal-contact',
      'debt-help-referral',
      'reminder',
      'objection-offered',
      'end-of-supply',
      'arrears-date',
      'window',
    ]);
  });

  it('lets a signal that passes them be held for routing, although it has no agreement anywhere yet', () => {
    expect(screen()).toBeNull();
    // A repeat and an amount below any minimum wait for the municipality's policy.
    expect(screen({ amountCents: 1n }, previous())).toBeNull();
  });

  it.each<[string, SignalChanges, Expected]>([
    ['an objection', { objectionReceived: true }, ['REJECTED', 'OBJECTION_RECEIVED', 'LCV/HUUR/objection']],
    ['no referral', { referredToDebtHelp: false }, ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/debt-help-referral']],
    ['no reminder', { reminderSentOn: '' }, ['REJECTED', 'ATTESTATION_MISSING', 'LCV/HUUR/reminder']],
    [
      'arrears after the signal date',
      { arrearsSince: addDays(base.signalDate, 1) },
      ['REJECTED', 'ARREARS_SINCE_AFTER_SIGNAL_DATE', 'LCV/HUUR/arrears-date'],
    ],
    [
      'rent 10 days in arrears',
      inArrears('HUUR', '2025-03-14', 10),
      ['NOT_PICKED_UP_UNFOUNDED', 'OUTSIDE_WINDOW', 'LCV/HUUR/window'],
    ],
  ])('stops %s', (_case, changes, expected) => {
    const decision = screen(changes);
    expect(decision && summary(decision)).toEqual(expected);
  });

  it('stops an end-of-supply signal without an earlier signal', () => {
    const decision = screen({
      kind: 'END_OF_SUPPLY',
      sector: 'ENERGIE',
      supplyEndDate: addDays(base.signalDate, 60),
    });
    expect(decision?.reason).toBe('END_OF_SUPPLY_WITHOUT_EARLIER_SIGNAL');
  });
});
