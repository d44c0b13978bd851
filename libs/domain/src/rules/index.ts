export {
  addDays,
  addMonths,
  addWorkingDays,
  daysBetween,
  dutchPublicHolidays,
  easterSunday,
  isPublicHoliday,
  isWorkingDay,
  workingDaysBetween,
  type PublicHoliday,
} from './calendar.js';
export {
  CASE_RESULTS,
  FEEDBACK_DISCLOSURES,
  SIGNAL_STATUSES,
  caseResultFromLabel,
  discloseCaseResult,
  discloseRuleDecision,
  discloseSignalStatus,
  signalStatusForCaseResult,
  signalStatusForOutcome,
  signalStatusFromLabel,
  type CaseResult,
  type Disclosure,
  type FeedbackDisclosure,
  type SignalStatus,
} from './disclosure.js';
export {
  BEFORE_ROUTING_RULES,
  RULE_ORDER,
  evaluateSignal,
  screenBeforeRouting,
  type AgreementPeriod,
  type PreviousSignal,
  type RuleContext,
  type RuleDecision,
} from './evaluate.js';
export { minimiseSignal, type MinimisedSignal } from './minimise.js';
export { DEFAULT_MUNICIPALITY_POLICY, type ExperimentConfig, type MunicipalityPolicy } from './policy.js';
export { RULE_REASONS, type RuleOutcome, type RuleReason } from './reason.js';
export {
  CONTACT_FIELDS,
  PERSONAL_DATA_FIELDS,
  RULE_SETS,
  ruleSetFor,
  type AppliedRule,
  type DayWindow,
  type EndOfSupplyRule,
  type RuleSet,
  type SectorRule,
  type SignalField,
} from './rule-set.js';
