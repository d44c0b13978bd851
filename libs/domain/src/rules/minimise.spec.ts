import { describe, expect, it } from '@jest/globals';
import type { Sector } from '../signal.js';
import type { NormalisedSignal } from '../validation.js';
import { minimiseSignal } from './minimise.js';

const full: NormalisedSignal = {
  creditorSignalRef: 'REF-1',
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
};

describe('minimiseSignal (DOMAIN.md: store only what the sector may send)', () => {
  it.each<[Sector, string[]]>([
    ['HUUR', ['customerNumber', 'bsn']], // Bgs art. 2: contact details and amount; no customer number
    ['ENERGIE', ['bsn']], // energy regulation art. 3: contact details, customer number, amount
    ['WATER', ['bsn']],
    ['ZORG', ['bsn']],
    ['CAK_ZORGVERZEKERINGEN', ['bsn']],
    ['CAK_EIGEN_BIJDRAGE', ['bsn']],
    ['DIENST_TOESLAGEN', ['customerNumber', 'bsn']],
    ['DUO', ['customerNumber', 'bsn']],
  ])('%s drops %p', (sector, dropped) => {
    const result = minimiseSignal({ ...full, sector });
    expect(result.dropped).toEqual(dropped);
    expect(result.signal.bsn).toBeNull();
    expect(result.signal.customerNumber).toBe(dropped.includes('customerNumber') ? '' : 'K-99');
  });

  it('keeps everything else as it was', () => {
    const { signal } = minimiseSignal(full);
    expect(signal).toEqual({ ...full, customerNumber: '', bsn: null });
  });

  it('reports nothing dropped when the disallowed fields were empty already', () => {
    expect(minimiseSignal({ ...full, customerNumber: '', bsn: null }).dropped).toEqual([]);
  });

  it('keeps only the contact fields when no rule set is in force', () => {
    expect(minimiseSignal({ ...full, sector: 'ENERGIE', signalDate: '2022-10-31' }).dropped).toEqual([
      'customerNumber',
      'bsn',
    ]);
  });

  it('does not change its input', () => {
    const input = { ...full };
    minimiseSignal(input);
    expect(input).toEqual(full);
  });
});
