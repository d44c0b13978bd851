export { transition, type CaseAction, type CaseStatus, type Transition } from './case-lifecycle.js';
export { CONTACT_KINDS, DAY_PARTS, dayPartOf, dutchDateOf, type ContactKind, type DayPart } from './contact-attempt.js';
export {
  MAX_URGENCY_SCORE,
  URGENCY_MODEL,
  urgencyOf,
  type Urgency,
  type UrgencyFacts,
  type UrgencyFactor,
} from './urgency.js';
export {
  dayNumber,
  HELP_ACCEPTED_RESULTS,
  MAX_REPORTING_DAYS,
  medianOfCounts,
  perThousandInhabitants,
  reportingPeriod,
  share,
  type ReportingPeriod,
} from './monitor.js';
