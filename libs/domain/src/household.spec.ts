import { describe, expect, it } from '@jest/globals';
import { householdKey, type HouseholdAddress } from './household.js';

describe('householdKey', () => {
  it.each<[string, HouseholdAddress, string]>([
    ['plain', { postcode: '1234AB', houseNumber: 12 }, '1234AB|12||'],
    [
      'all parts',
      { postcode: '1234AB', houseNumber: 12, houseLetter: 'A', houseNumberAddition: '2HOOG' },
      '1234AB|12|A|2HOOG',
    ],
    ['house number as text', { postcode: '1234AB', houseNumber: '12' }, '1234AB|12||'],
  ])('%s', (_case, address, key) => {
    expect(householdKey(address)).toBe(key);
  });

  // One address as different creditors write it: one household.
  const spellings: HouseholdAddress[] = [
    { postcode: '1234AB', houseNumber: 12, houseLetter: 'A', houseNumberAddition: '2HOOG' },
    { postcode: ' 1234 ab ', houseNumber: 12, houseLetter: 'a', houseNumberAddition: '2-hoog' },
    { postcode: '1234ab', houseNumber: '12', houseLetter: ' A ', houseNumberAddition: '2 HOOG' },
    { postcode: '1234 AB', houseNumber: ' 12 ', houseLetter: 'A', houseNumberAddition: ' 2.hoog ' },
  ];
  it.each(spellings)('gives one key for spelling %#', (address) => {
    expect(householdKey(address)).toBe('1234AB|12|A|2HOOG');
  });

  // Different addresses: different households, including the cases a sloppier rule would merge.
  it.each<[string, HouseholdAddress, HouseholdAddress]>([
    ['other house number', { postcode: '1234AB', houseNumber: 12 }, { postcode: '1234AB', houseNumber: 14 }],
    ['other postcode', { postcode: '1234AB', houseNumber: 12 }, { postcode: '1234AC', houseNumber: 12 }],
    [
      'letter vs none',
      { postcode: '1234AB', houseNumber: 12, houseLetter: 'A' },
      { postcode: '1234AB', houseNumber: 12 },
    ],
    [
      // 12A (huisletter) and 12-A (toevoeging) can both exist in the BAG.
      'letter vs addition A',
      { postcode: '1234AB', houseNumber: 12, houseLetter: 'A' },
      { postcode: '1234AB', houseNumber: 12, houseNumberAddition: 'A' },
    ],
    [
      'other addition',
      { postcode: '1234AB', houseNumber: 12, houseNumberAddition: '1' },
      { postcode: '1234AB', houseNumber: 12, houseNumberAddition: '2' },
    ],
  ])('keeps apart: %s', (_case, a, b) => {
    expect(householdKey(a)).not.toBe(householdKey(b));
  });

  it.each<[string, HouseholdAddress]>([
    ['invalid postcode', { postcode: '0123AB', houseNumber: 12 }],
    ['house number 0', { postcode: '1234AB', houseNumber: 0 }],
    ['house number with letter', { postcode: '1234AB', houseNumber: '12a' }],
    ['two-letter house letter', { postcode: '1234AB', houseNumber: 12, houseLetter: 'AB' }],
  ])('has no key for an %s', (_case, address) => {
    expect(householdKey(address)).toBeNull();
  });
});
