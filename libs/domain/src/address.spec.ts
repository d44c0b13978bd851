import { describe, expect, it } from '@jest/globals';
import { normaliseAddition, normaliseHouseLetter, normaliseHouseNumber, normalisePostcode, pc4Of } from './address.js';

describe('normalisePostcode', () => {
  it.each([
    ['1234AB', '1234AB'],
    [' 1234 ab ', '1234AB'],
    ['1234ab', '1234AB'],
    ['1234 AB', '1234AB'],
    ['1234\tAb', '1234AB'],
    ['9999ZZ', '9999ZZ'],
    ['1000AA', '1000AA'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(normalisePostcode(raw)).toBe(expected);
  });

  it.each([
    ['0123AB', 'Dutch postcodes start at 1000'],
    ['0000AA', 'Dutch postcodes start at 1000'],
    ['1234SA', 'SA is not issued'],
    ['1234sd', 'SD is not issued'],
    ['1234 SS', 'SS is not issued'],
    ['123AB', 'three digits'],
    ['12345AB', 'five digits'],
    ['1234A', 'one letter'],
    ['1234ABC', 'three letters'],
    ['1234-AB', 'dash'],
    ['1234ÄB', 'diacritic'],
    ['AB1234', 'letters first'],
    ['', 'empty'],
    ['   ', 'blank'],
  ])('rejects %j (%s)', (raw) => {
    expect(normalisePostcode(raw)).toBeNull();
  });

  it.each([[null], [undefined]])('rejects %p', (raw) => {
    expect(normalisePostcode(raw)).toBeNull();
  });

  it('gives the PC4 of a postcode', () => {
    expect(pc4Of('1096AB')).toBe('1096');
  });
});

describe('normaliseHouseNumber', () => {
  it.each([
    [1, 1],
    [12, 12],
    [99999, 99999],
    ['12', 12],
    [' 7 ', 7],
  ])('accepts %p as %p', (raw, expected) => {
    expect(normaliseHouseNumber(raw)).toBe(expected);
  });

  it.each([[0], [-1], [100000], [1.5], [Number.NaN], ['12a'], ['12-2'], [''], ['-3'], [null], [undefined]])(
    'rejects %p',
    (raw) => {
      expect(normaliseHouseNumber(raw)).toBeNull();
    },
  );
});

describe('normaliseHouseLetter', () => {
  it.each([
    ['a', 'A'],
    [' B ', 'B'],
    ['', ''],
    ['  ', ''],
    [undefined, ''],
    [null, ''],
  ])('%p → %p', (raw, expected) => {
    expect(normaliseHouseLetter(raw)).toBe(expected);
  });

  it.each([['AB'], ['1'], ['é'], ['-'], ['A 1']])('rejects %p', (raw) => {
    expect(normaliseHouseLetter(raw)).toBeNull();
  });
});

describe('normaliseAddition', () => {
  it.each([
    ['2-hoog', '2HOOG'],
    ['2 HOOG', '2HOOG'],
    ['2.hoog', '2HOOG'],
    [' 2 - Hoog ', '2HOOG'],
    ['bis', 'BIS'],
    [' BIS ', 'BIS'],
    ['a', 'A'],
    ['-3', '3'],
    ['II', 'II'],
    ['3/4', '34'],
    ['bèta', 'BETA'],
    // Abbreviations are not expanded: a dictionary would guess (see the rule in address.ts).
    ['2hg', '2HG'],
    ['', ''],
    ['  ', ''],
    ['--', ''],
    [undefined, ''],
    [null, ''],
  ])('%p → %p', (raw, expected) => {
    expect(normaliseAddition(raw)).toBe(expected);
  });
});
