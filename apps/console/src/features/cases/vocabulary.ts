// The schema's enums as lists, in the order the console shows them.
import type { CaseResult, CaseStatus, ContactKind, DayPart, Sector } from '../../gql/graphql';

export const STATUSES: readonly CaseStatus[] = ['NEW', 'IN_PROGRESS', 'CLOSED', 'TRANSFERRED'];

export const SECTORS: readonly Sector[] = [
  'HUUR',
  'ENERGIE',
  'WATER',
  'ZORG',
  'HYPOTHEEK',
  'BELASTINGDIENST',
  'CAK_EIGEN_BIJDRAGE',
  'CAK_ZORGVERZEKERINGEN',
  'DIENST_TOESLAGEN',
  'DUO',
  'OVERIGE',
];

export const CONTACT_KINDS: readonly ContactKind[] = [
  'HOME_VISIT',
  'PHONE',
  'LETTER',
  'CARD',
  'EMAIL',
  'SMS_WHATSAPP',
  'APPOINTMENT_ON_LOCATION',
  'ADMINISTRATIVE',
  'OTHER',
  'UNKNOWN',
];

export const DAY_PARTS: readonly DayPart[] = ['MORNING', 'AFTERNOON', 'EVENING'];

/** The 16 DDAS end results, grouped as workers think of them: helped, not needed, no contact, not picked up. */
export const CASE_RESULTS: readonly CaseResult[] = [
  'ADVICE_OR_QUICK_FIX',
  'FOLLOW_UP_HELP',
  'FOLLOW_UP_HELP_FINANCIAL',
  'FOLLOW_UP_HELP_NON_FINANCIAL',
  'REFERRAL_WITHOUT_RESIDENT',
  'ALREADY_KNOWN',
  'OTHER_TRAJECTORY',
  'PAID_OR_ARRANGEMENT',
  'NO_HELP_WANTED',
  'NO_RESPONSE_AFTER_CONTACT',
  'NO_CONTACT',
  'NOT_A_RESIDENT',
  'DECEASED',
  'NOT_PICKED_UP_REPEAT',
  'NOT_PICKED_UP_UNFOUNDED',
  'NOT_PICKED_UP_OTHER',
];
