import { describe, expect, it } from '@jest/globals';
import { RejectReason } from './reject-reason.js';
import {
  FIELD_MAX_LENGTH,
  isCalendarDate,
  isTellableSignalRef,
  isValidBsn,
  MAX_AMOUNT_CENTS,
  validateSignal,
  type SignalInput,
} from './validation.js';

// A complete signal as a connector would send it (protobuf-es shape: enums as numbers, bigint cents).
const valid: SignalInput = {
  creditorSignalRef: 'WBV-2025-000123',
  kind: 1, // NEW
  sector: 1, // HUUR
  signalDate: '2025-03-14',
  sentAt: { seconds: 1_741_946_400n, nanos: 500_000_000 },
  initials: 'J.P.',
  firstNames: 'Jan  Pieter',
  surnamePrefix: 'van der',
  surname: 'Berg',
  birthDate: '1980-02-29',
  phone: '06-12345678',
  email: 'jp@example.nl',
  bsn: '111222333',
  postcode: ' 1096 ab ',
  houseNumber: 12,
  houseLetter: 'a',
  houseNumberAddition: '2-hoog',
  street: 'Kruislaan',
  place: 'Amsterdam',
  amountCents: 123_456n,
  arrearsSince: '2025-01-01',
  customerNumber: 'K-99',
  supplyEndDate: '',
  personalContactAttempted: true,
  referredToDebtHelp: true,
  reminderSentOn: '2025-02-01',
  objectionOffered: true,
  objectionReceived: false,
  crisis: false,
  warmHandover: true,
};

describe('validateSignal: a valid signal', () => {
  it('is normalised into domain form', () => {
    expect(validateSignal(valid)).toEqual({
      ok: true,
      value: {
        creditorSignalRef: 'WBV-2025-000123',
        kind: 'NEW',
        sector: 'HUUR',
        signalDate: '2025-03-14',
        sentAt: new Date('2025-03-14T10:00:00.500Z'),
        initials: 'J.P.',
        firstNames: 'Jan Pieter',
        surnamePrefix: 'van der',
        surname: 'Berg',
        birthDate: '1980-02-29',
        phone: '06-12345678',
        email: 'jp@example.nl',
        bsn: '111222333',
        postcode: '1096AB',
        houseNumber: 12,
        houseLetter: 'A',
        houseNumberAddition: '2HOOG',
        street: 'Kruislaan',
        place: 'Amsterdam',
        amountCents: 123_456n,
        arrearsSince: '2025-01-01',
        customerNumber: 'K-99',
        supplyEndDate: '',
        personalContactAttempted: true,
        referredToDebtHelp: true,
        reminderSentOn: '2025-02-01',
        objectionOffered: true,
        objectionReceived: false,
        crisis: false,
        warmHandover: true,
        householdKey: '1096AB|12|A|2HOOG',
      },
    });
  });

  // Only the required fields: what a minimal connector sends, with proto3 defaults for the rest.
  const minimal: SignalInput = {
    creditorSignalRef: 'R1',
    kind: 1,
    sector: 2,
    signalDate: '2025-03-14',
    surname: 'Berg',
    postcode: '1011AB',
    houseNumber: 1,
    amountCents: 0n,
    arrearsSince: '2025-01-01',
  };

  it('needs only the required fields; optional ones default like proto3', () => {
    const result = validateSignal(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      sector: 'ENERGIE',
      sentAt: null,
      bsn: null,
      birthDate: '',
      houseLetter: '',
      houseNumberAddition: '',
      crisis: false,
      amountCents: 0n,
      householdKey: '1011AB|1||',
    });
  });

  it.each<[string, SignalInput, Record<string, unknown>]>([
    ['sector 11 OVERIGE', { sector: 11 }, { sector: 'OVERIGE' }],
    ['kind 4 END_OF_SUPPLY with a date', { kind: 4, supplyEndDate: '2025-05-01' }, { kind: 'END_OF_SUPPLY' }],
    ['kind 3 WITHDRAWN', { kind: 3 }, { kind: 'WITHDRAWN' }],
    ['amount as a safe integer number', { amountCents: 7500 }, { amountCents: 7500n }],
    ['leap day', { signalDate: '2024-02-29' }, { signalDate: '2024-02-29' }],
    ['house number as digits', { houseNumber: '7' as unknown as number }, { houseNumber: 7 }],
    ['blank BSN', { bsn: '  ' }, { bsn: null }],
    ['tabs and line breaks in a name, folded to spaces', { surname: 'van\tden\r\nBerg' }, { surname: 'van den Berg' }],
    ['BSN with spaces around', { bsn: ' 111222333 ' }, { bsn: '111222333' }],
  ])('accepts %s', (_case, change, expected) => {
    const result = validateSignal({ ...minimal, ...change });
    expect(result).toMatchObject({ ok: true, value: expected });
  });
});

describe('validateSignal: rejections', () => {
  it.each<[string, SignalInput, RejectReason, string]>([
    // required fields
    ['no creditorSignalRef', { creditorSignalRef: undefined }, 'MISSING_FIELD', 'creditorSignalRef: missing'],
    ['blank creditorSignalRef', { creditorSignalRef: '  ' }, 'MISSING_FIELD', 'creditorSignalRef: missing'],
    ['no kind', { kind: undefined }, 'MISSING_FIELD', 'kind: missing'],
    ['no sector', { sector: undefined }, 'MISSING_FIELD', 'sector: missing'],
    ['no signalDate', { signalDate: '' }, 'MISSING_FIELD', 'signalDate: missing'],
    ['no surname', { surname: '' }, 'MISSING_FIELD', 'surname: missing'],
    ['no postcode', { postcode: '' }, 'MISSING_FIELD', 'postcode: missing'],
    ['no houseNumber', { houseNumber: undefined }, 'MISSING_FIELD', 'houseNumber: missing'],
    ['houseNumber 0 (proto3 "not given")', { houseNumber: 0 }, 'MISSING_FIELD', 'houseNumber: missing'],
    ['no amountCents', { amountCents: undefined }, 'MISSING_FIELD', 'amountCents: missing'],
    ['no arrearsSince', { arrearsSince: '' }, 'MISSING_FIELD', 'arrearsSince: missing'],
    [
      'END_OF_SUPPLY without supplyEndDate',
      { kind: 4, supplyEndDate: '' },
      'MISSING_FIELD',
      'supplyEndDate: missing (required for END_OF_SUPPLY)',
    ],
    // enums
    ['sector 0 (UNSPECIFIED)', { sector: 0 }, 'UNKNOWN_SECTOR', 'sector: unspecified'],
    ['sector 99', { sector: 99 }, 'UNKNOWN_SECTOR', 'sector: unknown value'],
    ['sector -1', { sector: -1 }, 'UNKNOWN_SECTOR', 'sector: unknown value'],
    ['kind 0 (UNSPECIFIED)', { kind: 0 }, 'UNKNOWN_KIND', 'kind: unspecified'],
    ['kind 5', { kind: 5 }, 'UNKNOWN_KIND', 'kind: unknown value'],
    // dates
    ['Feb 30', { signalDate: '2026-02-30' }, 'INVALID_DATE', 'signalDate: not a calendar date YYYY-MM-DD'],
    [
      'Feb 29 in a common year',
      { arrearsSince: '2025-02-29' },
      'INVALID_DATE',
      'arrearsSince: not a calendar date YYYY-MM-DD',
    ],
    ['month 13', { birthDate: '1980-13-01' }, 'INVALID_DATE', 'birthDate: not a calendar date YYYY-MM-DD'],
    ['Dutch date order', { signalDate: '14-03-2025' }, 'INVALID_DATE', 'signalDate: not a calendar date YYYY-MM-DD'],
    [
      'date with time',
      { signalDate: '2025-03-14T00:00:00Z' },
      'INVALID_DATE',
      'signalDate: not a calendar date YYYY-MM-DD',
    ],
    [
      'bad reminderSentOn',
      { reminderSentOn: '2025-04-31' },
      'INVALID_DATE',
      'reminderSentOn: not a calendar date YYYY-MM-DD',
    ],
    [
      'bad supplyEndDate',
      { kind: 4, supplyEndDate: '2025-06-31' },
      'INVALID_DATE',
      'supplyEndDate: not a calendar date YYYY-MM-DD',
    ],
    [
      'sentAt nanos out of range',
      { sentAt: { seconds: 0n, nanos: 1e9 } },
      'INVALID_DATE',
      'sentAt: timestamp out of range',
    ],
    // address
    ['postcode 0123AB', { postcode: '0123AB' }, 'INVALID_POSTCODE', 'postcode: not a Dutch postcode (1234AB)'],
    ['postcode 1234SS', { postcode: '1234SS' }, 'INVALID_POSTCODE', 'postcode: not a Dutch postcode (1234AB)'],
    ['houseNumber -1', { houseNumber: -1 }, 'INVALID_HOUSE_NUMBER', 'houseNumber: not a whole number from 1 to 99999'],
    [
      'houseNumber 100000',
      { houseNumber: 100_000 },
      'INVALID_HOUSE_NUMBER',
      'houseNumber: not a whole number from 1 to 99999',
    ],
    [
      'houseNumber 1.5',
      { houseNumber: 1.5 },
      'INVALID_HOUSE_NUMBER',
      'houseNumber: not a whole number from 1 to 99999',
    ],
    ['houseLetter AB', { houseLetter: 'AB' }, 'INVALID_HOUSE_NUMBER', 'houseLetter: not a single letter A-Z'],
    // amount
    ['negative amount', { amountCents: -1n }, 'NEGATIVE_AMOUNT', 'amountCents: negative'],
    ['negative number amount', { amountCents: -500 }, 'NEGATIVE_AMOUNT', 'amountCents: negative'],
    ['fractional cents', { amountCents: 1.5 }, 'MALFORMED', 'amountCents: not a whole number of cents'],
    [
      'amount of €10 million and a cent',
      { amountCents: 1_000_000_001n },
      'AMOUNT_OUT_OF_RANGE',
      'amountCents: more than 1000000000 cents',
    ],
    [
      'amount at the int64 limit',
      { amountCents: 9_223_372_036_854_775_807n },
      'AMOUNT_OUT_OF_RANGE',
      'amountCents: more than 1000000000 cents',
    ],
    // lengths (BRP, BAG)
    [
      'surname of 201 characters',
      { surname: 'a'.repeat(201) },
      'FIELD_TOO_LONG',
      'surname: longer than 200 characters',
    ],
    [
      'surname of 200,000 characters',
      { surname: 'a'.repeat(200_000) },
      'FIELD_TOO_LONG',
      'surname: longer than 200 characters',
    ],
    ['street of 81 characters', { street: 's'.repeat(81) }, 'FIELD_TOO_LONG', 'street: longer than 80 characters'],
    ['place of 81 characters', { place: 'p'.repeat(81) }, 'FIELD_TOO_LONG', 'place: longer than 80 characters'],
    [
      'prefix of 11 characters',
      { surnamePrefix: 'v'.repeat(11) },
      'FIELD_TOO_LONG',
      'surnamePrefix: longer than 10 characters',
    ],
    [
      'addition of 11 characters',
      { houseNumberAddition: 'ABCDEFGHIJK' },
      'FIELD_TOO_LONG',
      'houseNumberAddition: longer than 10 characters',
    ],
    [
      'NUL in the reference',
      { creditorSignalRef: 'R-1\u0000' },
      'MALFORMED',
      'creditorSignalRef: holds a control character',
    ],
    [
      'an escape character in a surname',
      { surname: 'Jans\u001ben' },
      'MALFORMED',
      'surname: holds a control character',
    ],
    ['DEL in a street', { street: 'Dam\u007frak' }, 'MALFORMED', 'street: holds a control character'],
    [
      'reference of 101 characters',
      { creditorSignalRef: 'R'.repeat(101) },
      'FIELD_TOO_LONG',
      'creditorSignalRef: longer than 100 characters',
    ],
    [
      'e-mail of 255 characters',
      { email: `${'e'.repeat(245)}@example.nl` },
      'FIELD_TOO_LONG',
      'email: longer than 254 characters',
    ],
    [
      'date padded to 1,000 characters',
      { birthDate: `1980-01-01${'0'.repeat(990)}` },
      'FIELD_TOO_LONG',
      'birthDate: longer than 32 characters',
    ],
    // BSN
    [
      'BSN failing the eleven test',
      { bsn: '123456789' },
      'INVALID_BSN',
      'bsn: not nine digits passing the eleven test',
    ],
    ['BSN of eight digits', { bsn: '11122233' }, 'INVALID_BSN', 'bsn: not nine digits passing the eleven test'],
    // wrong types (cannot come out of the protobuf decoder)
    ['surname as number', { surname: 42 as unknown as string }, 'MALFORMED', 'surname: not a string'],
    ['crisis as text', { crisis: 'yes' as unknown as boolean }, 'MALFORMED', 'crisis: not a boolean'],
    ['sector as text', { sector: 'HUUR' as unknown as number }, 'MALFORMED', 'sector: not an enum number'],
    ['sentAt as text', { sentAt: '2025-03-14' as unknown as undefined }, 'MALFORMED', 'sentAt: not a timestamp'],
  ])('%s → %s', (_case, change, reason, detail) => {
    expect(validateSignal({ ...valid, ...change })).toEqual({ ok: false, reason, detail });
  });

  it('reports the first problem in contract order', () => {
    // Sector comes before postcode in the contract, so it wins whatever else is wrong.
    const result = validateSignal({ ...valid, postcode: 'x', sector: 0, amountCents: -1n });
    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_SECTOR' });
  });

  it('rejects something that is not an object', () => {
    expect(validateSignal(null as unknown as SignalInput)).toMatchObject({
      ok: false,
      reason: 'MALFORMED',
    });
  });

  // Creditors build on these codes: the list only ever grows, in this order.
  it('uses only codes from the RejectReason list', () => {
    expect(Object.values(RejectReason)).toEqual([
      'MALFORMED',
      'MISSING_FIELD',
      'INVALID_POSTCODE',
      'INVALID_HOUSE_NUMBER',
      'INVALID_DATE',
      'INVALID_BSN',
      'NEGATIVE_AMOUNT',
      'UNKNOWN_SECTOR',
      'UNKNOWN_KIND',
      'UNKNOWN_CREDITOR',
      'UNKNOWN_KEY',
      'KEY_REVOKED',
      'BAD_SIGNATURE',
      'CREDITOR_MISMATCH',
      'SECTOR_NOT_ALLOWED',
      'STORE_FAILED',
      'AMOUNT_OUT_OF_RANGE',
      'FIELD_TOO_LONG',
      'NOT_ROUTABLE',
      'PROCESSING_FAILED',
    ]);
  });
});

describe('validateSignal: rejection details carry no personal data', () => {
  // Distinctive personal values; each case breaks one field so the detail is about that field.
  const person: SignalInput = {
    ...valid,
    initials: 'Q.X.',
    firstNames: 'Quirijn Xander',
    surnamePrefix: 'van',
    surname: 'Zwanenburg',
    birthDate: '1975-06-15',
    phone: '0612398765',
    email: 'quirijn@example.nl',
    street: 'Zeeweg',
    place: 'Duivendrecht',
    customerNumber: 'KLANT-777',
  };
  const secrets = [
    'Q.X.',
    'Quirijn',
    'Xander',
    'Zwanenburg',
    '1975',
    '0612398765',
    'quirijn@',
    'Zeeweg',
    'Duivendrecht',
    'KLANT-777',
  ];

  it.each<[string, SignalInput, string[]]>([
    ['invalid postcode', { postcode: '9876-ZX' }, ['9876', 'ZX']],
    ['postcode with unissued letters', { postcode: '4321SS' }, ['4321']],
    ['invalid BSN', { bsn: '987654321' }, ['987654321', '98765']],
    ['short BSN', { bsn: '12345678' }, ['12345678']],
    ['invalid birth date', { birthDate: '1975-02-31' }, ['1975', '02-31']],
    ['invalid house number', { houseNumber: 123_456 }, ['123456']],
    ['invalid house letter', { houseLetter: 'ZQ' }, ['ZQ']],
    ['negative amount', { amountCents: -98_765n }, ['98765', '987']],
    ['unknown sector', { sector: 77 }, ['77']],
    ['surname of the wrong type', { surname: 123_987 as unknown as string }, ['123987']],
    ['missing surname', { surname: '' }, []],
  ])('%s', (_case, change, values) => {
    const result = validateSignal({ ...person, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Only "<field>: <kind of problem>".
    expect(result.detail).toMatch(/^[a-zA-Z]+: [a-zA-Z0-9 ()-]+$/);
    for (const value of [...secrets, ...values]) expect(result.detail).not.toContain(value);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2025-01-31', true],
    ['2024-02-29', true],
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2026-02-30', false],
    ['2025-04-31', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['0000-01-01', false],
    ['0099-02-28', true],
    ['2025-1-1', false],
    ['2025/01/01', false],
    ['', false],
  ])('%j → %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('isValidBsn', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false],
    ['000000000', false],
    ['11122233', false],
    ['1112223334', false],
    ['11122233a', false],
  ])('%j → %p', (value, expected) => {
    expect(isValidBsn(value)).toBe(expected);
  });
});

describe('validateSignal: bounds', () => {
  it('accepts every text field at exactly its maximum length, and €10 million', () => {
    const atMax = validateSignal({
      ...valid,
      surname: 'a'.repeat(FIELD_MAX_LENGTH.surname),
      firstNames: 'b'.repeat(FIELD_MAX_LENGTH.firstNames),
      street: 'c'.repeat(FIELD_MAX_LENGTH.street),
      place: 'd'.repeat(FIELD_MAX_LENGTH.place),
      customerNumber: '9'.repeat(FIELD_MAX_LENGTH.customerNumber),
      amountCents: MAX_AMOUNT_CENTS,
    });
    expect(atMax.ok).toBe(true);
  });

  it('counts the folded value: surrounding and repeated white space does not count against the bound', () => {
    const padded = validateSignal({ ...valid, street: `  ${'s'.repeat(FIELD_MAX_LENGTH.street)}   ` });
    expect(padded).toMatchObject({ ok: true, value: { street: 's'.repeat(FIELD_MAX_LENGTH.street) } });
  });
});

describe('isTellableSignalRef', () => {
  it.each([
    ['WBV-2025-000123', true],
    ['R'.repeat(100), true],
    ['R'.repeat(101), false],
    ['R-1\u0000', false],
    ['  ', false],
    [undefined, false],
    [42, false],
  ])('%p: %p', (value, expected) => {
    expect(isTellableSignalRef(value)).toBe(expected);
  });
});
