import { normaliseAddition, normaliseHouseLetter, normaliseHouseNumber, normalisePostcode } from './address.js';
import { householdKey, type HouseholdKey } from './household.js';
import { pass, reject, type StepResult } from './step-result.js';
import { RejectReason } from './reject-reason.js';
import { sectorFromProto, signalKindFromProto, type Sector, type SignalKind } from './signal.js';

/** `google.protobuf.Timestamp` as protobuf-es represents it. */
export interface TimestampLike {
  readonly seconds: bigint;
  readonly nanos: number;
}

/**
 * A signal as decoded from protobuf (`signaalhub.v1.Signal`, protobuf-es field names and types:
 * enums as numbers, int64 as bigint, '' for a string not given). Every field is optional here so a
 * partial plain object can be validated too; a generated `Signal` fits this type as it is.
 */
export interface SignalInput {
  readonly creditorSignalRef?: string;
  readonly kind?: number;
  readonly sector?: number;
  readonly signalDate?: string;
  readonly sentAt?: TimestampLike | undefined;
  readonly initials?: string;
  readonly firstNames?: string;
  readonly surnamePrefix?: string;
  readonly surname?: string;
  readonly birthDate?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly bsn?: string | undefined;
  readonly postcode?: string;
  readonly houseNumber?: number;
  readonly houseLetter?: string;
  readonly houseNumberAddition?: string;
  readonly street?: string;
  readonly place?: string;
  readonly amountCents?: bigint | number;
  readonly arrearsSince?: string;
  readonly customerNumber?: string;
  readonly supplyEndDate?: string;
  readonly personalContactAttempted?: boolean;
  readonly referredToDebtHelp?: boolean;
  readonly reminderSentOn?: string;
  readonly objectionOffered?: boolean;
  readonly objectionReceived?: boolean;
  readonly crisis?: boolean;
  readonly warmHandover?: boolean;
}

/**
 * A signal that passed validation, in domain terms. Text is trimmed with inner whitespace collapsed;
 * an optional text or date not given is '' (as on the wire); dates are checked `YYYY-MM-DD` strings,
 * kept as strings because they are calendar days without a time zone.
 */
export interface NormalisedSignal {
  readonly creditorSignalRef: string;
  readonly kind: SignalKind;
  readonly sector: Sector;
  readonly signalDate: string;
  readonly sentAt: Date | null;
  readonly initials: string;
  readonly firstNames: string;
  readonly surnamePrefix: string;
  readonly surname: string;
  readonly birthDate: string;
  readonly phone: string;
  readonly email: string;
  readonly bsn: string | null;
  /** `1234AB` */
  readonly postcode: string;
  readonly houseNumber: number;
  /** One upper-case letter, or ''. */
  readonly houseLetter: string;
  /** Letters and digits only, upper case (see `normaliseAddition`), or ''. */
  readonly houseNumberAddition: string;
  readonly street: string;
  readonly place: string;
  /** Integer euro cents, ≥ 0. */
  readonly amountCents: bigint;
  readonly arrearsSince: string;
  readonly customerNumber: string;
  readonly supplyEndDate: string;
  readonly personalContactAttempted: boolean;
  readonly referredToDebtHelp: boolean;
  readonly reminderSentOn: string;
  readonly objectionOffered: boolean;
  readonly objectionReceived: boolean;
  readonly crisis: boolean;
  readonly warmHandover: boolean;
  /** The household (address) this signal is bundled under. */
  readonly householdKey: HouseholdKey;
}

export type ValidationResult = StepResult<NormalisedSignal, RejectReason>;

// ---------------------------------------------------------------------------------------------------
// Field parsers. A rejection's `detail` is built only from the field name and a fixed description of
// the problem, never from the value: details go to the DLQ, logs and the creditor, and must not leak
// names, addresses or a BSN (DOMAIN.md, Privacy).

type FieldParser<T> = (value: unknown, field: string) => StepResult<T, RejectReason>;

const missing = (field: string) => reject(RejectReason.MISSING_FIELD, `${field}: missing`);
const wrongType = (field: string, expected: string) => reject(RejectReason.MALFORMED, `${field}: not ${expected}`);

/**
 * The longest value each free-text field may hold, in characters after whitespace is folded. Names
 * follow the BRP (Logisch Ontwerp: voorletters, voornamen and geslachtsnaam 200, voorvoegsel 10),
 * addresses the BAG (openbare ruimte and woonplaats 80); the rest are generous
 * bounds for identifiers and contact details (e-mail: RFC 5321's 254). Every text field has one: a
 * field without a bound is how a 200,000-character surname reaches the database.
 */
export const FIELD_MAX_LENGTH = {
  creditorSignalRef: 100,
  initials: 200,
  firstNames: 200,
  surnamePrefix: 10,
  surname: 200,
  phone: 32,
  email: 254,
  // Fields with a format of their own get a loose bound: the format check names the problem better.
  bsn: 16,
  postcode: 16,
  houseLetter: 8,
  // The BAG's toevoeging has 4 characters, but creditors' systems add floor notes ("2HOOG", "BOVEN"):
  // those still name the household, so they are allowed up to 10.
  houseNumberAddition: 10,
  street: 80,
  place: 80,
  customerNumber: 64,
  signalDate: 32,
  birthDate: 32,
  arrearsSince: 32,
  supplyEndDate: 32,
  reminderSentOn: 32,
} as const;

export type TextField = keyof typeof FIELD_MAX_LENGTH;

/** Amounts are integer cents: at most €10 million, so sums over a household can never overflow. */
export const MAX_AMOUNT_CENTS = 1_000_000_000n;

/**
 * Control characters other than the whitespace that folds into a space. No name, address or reference
 * holds one, PostgreSQL's text cannot hold U+0000 at all (a signal with it would fail every store and
 * every feedback row), and the hub's own keys use it as a separator.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000e-\u001f\u007f]/;

function text(options: { required: boolean; field: TextField }): FieldParser<string> {
  const max = FIELD_MAX_LENGTH[options.field];
  return (value, field) => {
    if (value === undefined || value === null) return options.required ? missing(field) : pass('');
    if (typeof value !== 'string') return wrongType(field, 'a string');
    // Checked on the raw value first so a huge value costs no normalising; then on what is stored.
    if (value.length > max * 4) return tooLong(field, max);
    if (CONTROL_CHARACTER.test(value)) return reject(RejectReason.MALFORMED, `${field}: holds a control character`);
    const normalised = value.trim().replace(/\s+/g, ' ');
    if (normalised.length > max) return tooLong(field, max);
    return options.required && normalised === '' ? missing(field) : pass(normalised);
  };
}

const tooLong = (field: string, max: number) =>
  reject(RejectReason.FIELD_TOO_LONG, `${field}: longer than ${max} characters`);

/**
 * True for a creditor's reference the hub may quote back in feedback: what validation would accept.
 * A refused signal's reference is told back only then; a reference that is itself the problem (too
 * long, control characters) names nothing the creditor could match, and would not fit the feedback.
 */
export function isTellableSignalRef(value: unknown): value is string {
  return text({ required: true, field: 'creditorSignalRef' })(value, 'creditorSignalRef').ok;
}

/** True for a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2026-02-30 no). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included). setUTCFullYear, not
  // Date.UTC, because Date.UTC maps years below 100 to 19xx; UTC avoids time-zone surprises.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return day <= lastDay.getUTCDate();
}

function calendarDate(options: { required: boolean; field: TextField }): FieldParser<string> {
  const asText = text(options);
  return (value, field) => {
    const result = asText(value, field);
    if (!result.ok || result.value === '') return result;
    return isCalendarDate(result.value)
      ? result
      : reject(RejectReason.INVALID_DATE, `${field}: not a calendar date YYYY-MM-DD`);
  };
}

function protoEnum<T>(fromProto: (value: number) => T | null, unknown: RejectReason): FieldParser<T> {
  return (value, field) => {
    if (value === undefined || value === null) return missing(field);
    if (typeof value !== 'number') return wrongType(field, 'an enum number');
    const mapped = fromProto(value);
    if (mapped !== null) return pass(mapped);
    return reject(unknown, value === 0 ? `${field}: unspecified` : `${field}: unknown value`);
  };
}

const flag: FieldParser<boolean> = (value, field) => {
  // proto3 booleans default to false, so absent means false.
  if (value === undefined || value === null) return pass(false);
  return typeof value === 'boolean' ? pass(value) : wrongType(field, 'a boolean');
};

const postcode: FieldParser<string> = (value, field) => {
  const result = text({ required: true, field: 'postcode' })(value, field);
  if (!result.ok) return result;
  const normalised = normalisePostcode(result.value);
  return normalised === null
    ? reject(RejectReason.INVALID_POSTCODE, `${field}: not a Dutch postcode (1234AB)`)
    : pass(normalised);
};

const houseNumber: FieldParser<number> = (value, field) => {
  // The contract says 0 means "not given" (proto3 default), so 0 is missing rather than invalid.
  if (value === undefined || value === null || value === 0) return missing(field);
  if (typeof value !== 'number' && typeof value !== 'string') return wrongType(field, 'a number');
  const normalised = normaliseHouseNumber(value);
  return normalised === null
    ? reject(RejectReason.INVALID_HOUSE_NUMBER, `${field}: not a whole number from 1 to 99999`)
    : pass(normalised);
};

const houseLetter: FieldParser<string> = (value, field) => {
  const result = text({ required: false, field: 'houseLetter' })(value, field);
  if (!result.ok) return result;
  const normalised = normaliseHouseLetter(result.value);
  // The BAG counts the letter as part of the house number (nummeraanduiding), hence this code.
  return normalised === null
    ? reject(RejectReason.INVALID_HOUSE_NUMBER, `${field}: not a single letter A-Z`)
    : pass(normalised);
};

const houseNumberAddition: FieldParser<string> = (value, field) => {
  const result = text({ required: false, field: 'houseNumberAddition' })(value, field);
  return result.ok ? pass(normaliseAddition(result.value)) : result;
};

const amountCents: FieldParser<bigint> = (value, field) => {
  if (value === undefined || value === null) return missing(field);
  let cents: bigint;
  if (typeof value === 'bigint') cents = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) cents = BigInt(value);
  else return wrongType(field, 'a whole number of cents');
  // Zero is allowed: an UPDATE or WITHDRAWN signal can report arrears paid off.
  if (cents < 0n) return reject(RejectReason.NEGATIVE_AMOUNT, `${field}: negative`);
  return cents > MAX_AMOUNT_CENTS
    ? reject(RejectReason.AMOUNT_OUT_OF_RANGE, `${field}: more than ${MAX_AMOUNT_CENTS} cents`)
    : pass(cents);
};

/** Nine digits passing the eleven test (elfproef) that every issued BSN passes. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, i) => total + digit * (9 - i), 0) - digits[8]!;
  return sum % 11 === 0;
}

const bsn: FieldParser<string | null> = (value, field) => {
  const result = text({ required: false, field: 'bsn' })(value, field);
  if (!result.ok) return result;
  if (result.value === '') return pass(null);
  return isValidBsn(result.value)
    ? pass(result.value)
    : reject(RejectReason.INVALID_BSN, `${field}: not nine digits passing the eleven test`);
};

const timestamp: FieldParser<Date | null> = (value, field) => {
  if (value === undefined || value === null) return pass(null);
  if (
    typeof value !== 'object' ||
    typeof (value as TimestampLike).seconds !== 'bigint' ||
    typeof (value as TimestampLike).nanos !== 'number'
  ) {
    return wrongType(field, 'a timestamp');
  }
  const { seconds, nanos } = value as TimestampLike;
  const date = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1_000_000));
  return Number.isNaN(date.getTime()) || nanos < 0 || nanos > 999_999_999
    ? reject(RejectReason.INVALID_DATE, `${field}: timestamp out of range`)
    : pass(date);
};

// ---------------------------------------------------------------------------------------------------
// The signal's fields, in contract order: the first failing field decides the rejection, so a signal
// with several problems always gets the same reason. Required: what routing, bundling and the
// convenant rules cannot do without.

type SignalFields = Omit<NormalisedSignal, 'householdKey'>;

const SIGNAL_FIELDS: { readonly [K in keyof SignalFields]: FieldParser<SignalFields[K]> } = {
  creditorSignalRef: text({ required: true, field: 'creditorSignalRef' }),
  kind: protoEnum(signalKindFromProto, RejectReason.UNKNOWN_KIND),
  sector: protoEnum(sectorFromProto, RejectReason.UNKNOWN_SECTOR),
  signalDate: calendarDate({ required: true, field: 'signalDate' }),
  sentAt: timestamp,
  initials: text({ required: false, field: 'initials' }),
  firstNames: text({ required: false, field: 'firstNames' }),
  surnamePrefix: text({ required: false, field: 'surnamePrefix' }),
  surname: text({ required: true, field: 'surname' }),
  birthDate: calendarDate({ required: false, field: 'birthDate' }),
  phone: text({ required: false, field: 'phone' }),
  email: text({ required: false, field: 'email' }),
  bsn,
  postcode,
  houseNumber,
  houseLetter,
  houseNumberAddition,
  street: text({ required: false, field: 'street' }),
  place: text({ required: false, field: 'place' }),
  amountCents,
  arrearsSince: calendarDate({ required: true, field: 'arrearsSince' }),
  customerNumber: text({ required: false, field: 'customerNumber' }),
  supplyEndDate: calendarDate({ required: false, field: 'supplyEndDate' }),
  personalContactAttempted: flag,
  referredToDebtHelp: flag,
  reminderSentOn: calendarDate({ required: false, field: 'reminderSentOn' }),
  objectionOffered: flag,
  objectionReceived: flag,
  crisis: flag,
  warmHandover: flag,
};

/** Rules that need more than one field, checked after every field is valid on its own. */
const CROSS_FIELD_RULES: readonly ((signal: SignalFields) => StepResult<true, RejectReason>)[] = [
  // An end-of-supply signal exists to announce the day supply ends (energy regulation: at least 20
  // working days ahead); without that date the municipality cannot prioritise it.
  (signal) =>
    signal.kind === 'END_OF_SUPPLY' && signal.supplyEndDate === ''
      ? reject(RejectReason.MISSING_FIELD, 'supplyEndDate: missing (required for END_OF_SUPPLY)')
      : pass(true),
];

/**
 * Checks that a decoded signal is complete and well-formed and brings it into domain form. This is
 * about the data only; whether the creditor may send it (agreement, sector window, attestations,
 * minimum amount) is for the convenant-rules step.
 */
export function validateSignal(signal: SignalInput): ValidationResult {
  if (typeof signal !== 'object' || signal === null) {
    return reject(RejectReason.MALFORMED, 'signal: not an object');
  }
  const input = signal as Readonly<Record<string, unknown>>;
  const fields: Record<string, unknown> = {};
  for (const [field, parse] of Object.entries(SIGNAL_FIELDS) as [string, FieldParser<unknown>][]) {
    const result = parse(input[field], field);
    if (!result.ok) return result;
    fields[field] = result.value;
  }
  const valid = fields as unknown as SignalFields;
  for (const rule of CROSS_FIELD_RULES) {
    const result = rule(valid);
    if (!result.ok) return result;
  }
  const key = householdKey(valid);
  // Cannot happen once postcode, house number and letter passed; kept so a future change to the
  // address rules fails here rather than producing a signal without a household.
  if (key === null) return reject(RejectReason.MALFORMED, 'address: no household key');
  return pass({ ...valid, householdKey: key });
}
