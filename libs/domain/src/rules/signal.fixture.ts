import type { NormalisedSignal } from '../validation.js';

/**
 * A rent signal that passes every rule (72 days in arrears on 2025-03-14, all four attestations), for
 * the rule specs. Made-up person; change what a test is about with `overrides`.
 */
export function aRentSignal(overrides: Partial<NormalisedSignal> = {}): NormalisedSignal {
  return {
    creditorSignalRef: 'WBV-2025-000123',
    kind: 'NEW',
    sector: 'HUUR',
    signalDate: '2025-03-14',
    sentAt: null,
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
    warmHandover: false,
    householdKey: '1096AB|12|A|2HOOG',
    ...overrides,
  };
}
