import { describe, expect, it } from '@jest/globals';
import { loadReferenceData } from '@signaalhub/reference';
import {
  candidateMunicipalities,
  currentMunicipalityCode,
  normalisePlaceName,
  routeToMunicipality,
  type Routing,
  type RoutingTables,
} from './routing.js';

// The real 2025 tables: routing is only as right as the data it runs on.
const ref = loadReferenceData();

describe('routeToMunicipality with the 2025 tables', () => {
  it.each<[string, string, string | undefined, Routing]>([
    ['unique PC4', '1011AB', undefined, { kind: 'routed', municipality: 'GM0363', via: 'pc4' }],
    ['lower case with spaces', ' 1011 ab ', '', { kind: 'routed', municipality: 'GM0363', via: 'pc4' }],
    // A unique PC4 decides even when the place name is stale or misspelt.
    ['unique PC4, other place', '1011AB', 'Utrecht', { kind: 'routed', municipality: 'GM0363', via: 'pc4' }],
    ["'s-Gravenhage", '2491AA', "'s-Gravenhage", { kind: 'routed', municipality: 'GM0518', via: 'pc4' }],

    // PC4 1096 lies in Amsterdam and Ouder-Amstel (Duivendrecht): the place decides.
    ['1096 Amsterdam', '1096AB', 'Amsterdam', { kind: 'routed', municipality: 'GM0363', via: 'place' }],
    ['1096 AMSTERDAM', '1096AB', '  AMSTERDAM ', { kind: 'routed', municipality: 'GM0363', via: 'place' }],
    [
      '1096 Amsterdam-Duivendrecht',
      '1096AB',
      'Amsterdam-Duivendrecht',
      { kind: 'routed', municipality: 'GM0437', via: 'place' },
    ],
    [
      '1096 amsterdam duivendrecht',
      '1096 ab',
      'amsterdam  duivendrecht',
      { kind: 'routed', municipality: 'GM0437', via: 'place' },
    ],
    // Not a place the table lists for 1096: no guess.
    ['1096 Duivendrecht', '1096AB', 'Duivendrecht', { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],
    ['1096 without place', '1096AB', undefined, { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],
    ['1096 empty place', '1096AB', '  ', { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],
    ['1096 other place', '1096AB', 'Rotterdam', { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],
    // 1243: 's-Graveland, in a multi-place row, with and without the apostrophe.
    ["1243 's-Graveland", '1243AA', "'s-Graveland", { kind: 'routed', municipality: 'GM1696', via: 'pc4' }],
    // 1934: Bergen (NH.) lists two places in one row, Dijk en Waard one.
    [
      '1934 Egmond aan den Hoef',
      '1934AA',
      'egmond aan den hoef',
      { kind: 'routed', municipality: 'GM0373', via: 'place' },
    ],
    ['1934 Sint Pancras', '1934AA', 'Sint Pancras', { kind: 'routed', municipality: 'GM1980', via: 'place' }],
    // 1724: both municipalities list Oudkarspel, so even the place cannot decide.
    ['1724 Oudkarspel', '1724AA', 'Oudkarspel', { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],

    ['postcode 0000', '0000', undefined, { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' }],
    ['postcode 0000AA', '0000AA', 'Amsterdam', { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' }],
    ['PC4 not in the table', '1000AA', 'Amsterdam', { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' }],
    ['not a postcode', 'onbekend', undefined, { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' }],
    ['empty postcode', '', 'Amsterdam', { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' }],
    // 9999 has five rows in the GeoNames-derived table (see data/ATTRIBUTION.md): without a place it
    // stays ambiguous; the real 9999 places route.
    ['9999ZZ without place', '9999ZZ', undefined, { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' }],
    ['9999ZZ Stitswerd', '9999ZZ', 'Stitswerd', { kind: 'routed', municipality: 'GM1966', via: 'place' }],
  ])('%s', (_case, postcode, place, expected) => {
    expect(routeToMunicipality({ postcode, place }, ref)).toEqual(expected);
  });
});

describe('routeToMunicipality with a table from an older year', () => {
  // Two rows that have since merged are one candidate; old codes come out as current codes.
  const old: RoutingTables = {
    pc4: new Map([
      ['9981', [{ gmCode: 'GM0053', places: ['Uithuizen'] }]],
      [
        '9982',
        [
          { gmCode: 'GM0053', places: ['Winsum'] },
          { gmCode: '0001', places: ['Adorp'] },
        ],
      ],
    ]),
    mergers: ref.mergers,
  };

  it.each<[string, Routing]>([
    ['9981AA', { kind: 'routed', municipality: 'GM1966', via: 'pc4' }],
    ['9982AA', { kind: 'routed', municipality: 'GM1966', via: 'pc4' }],
  ])('%s', (postcode, expected) => {
    expect(routeToMunicipality({ postcode }, old)).toEqual(expected);
  });
});

describe('currentMunicipalityCode', () => {
  it.each([
    ['0001', 'GM1966'], // Adorp → Winsum (1990) → Het Hogeland (2019)
    ['GM0001', 'GM1966'],
    ['gm0001', 'GM1966'],
    ['0053', 'GM1966'],
    ['GM0363', 'GM0363'], // current codes stay as they are
    ['0363', 'GM0363'],
    [' GM1966 ', 'GM1966'],
    ['GM9998', 'GM9998'], // well-formed but unknown: existence is the caller's check
    ['363', null],
    ['Amsterdam', null],
    ['', null],
  ])('%j → %j', (code, expected) => {
    expect(currentMunicipalityCode(code, ref.mergers)).toBe(expected);
  });

  it('follows a chain in a one-step table', () => {
    const oneStep = new Map([
      ['0001', '0053'],
      ['GM0053', 'GM1966'],
    ]);
    expect(currentMunicipalityCode('GM0001', oneStep)).toBe('GM1966');
  });

  it('refuses a cycle instead of picking a code', () => {
    const cycle = new Map([
      ['GM0001', 'GM0002'],
      ['GM0002', 'GM0001'],
    ]);
    expect(currentMunicipalityCode('0001', cycle)).toBeNull();
  });
});

describe('normalisePlaceName', () => {
  it.each([
    ["'s-Gravenhage", 's gravenhage'],
    ['s-Gravenhage', 's gravenhage'],
    ['’S GRAVENHAGE', 's gravenhage'],
    ['Amsterdam-Duivendrecht', 'amsterdam duivendrecht'],
    ['  Amsterdam   Duivendrecht ', 'amsterdam duivendrecht'],
    ['Oosterend (Terschelling)', 'oosterend terschelling'],
    ['Oeffelt', 'oeffelt'],
    ['Bâlk', 'balk'],
    ['', ''],
  ])('%j → %j', (place, expected) => {
    expect(normalisePlaceName(place)).toBe(expected);
  });

  it('does not invent aliases', () => {
    expect(normalisePlaceName('Den Haag')).not.toBe(normalisePlaceName("'s-Gravenhage"));
  });
});

describe('candidateMunicipalities', () => {
  it.each<[string, string, string[]]>([
    ['a PC4 in one municipality', '1011AB', ['GM0363']],
    ['a PC4 on a border, whatever the place', '1096 ab', ['GM0363', 'GM0437']],
    ['an unknown PC4', '1000AA', []],
    ['a malformed postcode', 'not a postcode', []],
  ])('%s', (_name, postcode, expected) => {
    expect([...candidateMunicipalities(postcode, ref)].sort()).toEqual(expected);
  });

  it('names merged municipalities by their current code, once', () => {
    const tables: RoutingTables = {
      pc4: new Map([
        [
          '9999',
          [
            { gmCode: 'GM0001', places: ['Adorp'] },
            { gmCode: 'GM1966', places: ['Winsum'] },
          ],
        ],
      ]),
      mergers: new Map([['GM0001', 'GM1966']]),
    };
    expect([...candidateMunicipalities('9999AA', tables)]).toEqual(['GM1966']);
  });
});

describe('routeToMunicipality with the exact address', () => {
  it('lets the address table decide a PC4 that straddles a border, whatever the place name says', () => {
    expect(routeToMunicipality({ postcode: '1096AB', place: 'Amsterdam', exactMunicipality: 'GM0437' }, ref)).toEqual({
      kind: 'routed',
      municipality: 'GM0437',
      via: 'address',
    });
    expect(routeToMunicipality({ postcode: '1096AB', place: '', exactMunicipality: '0363' }, ref)).toEqual({
      kind: 'routed',
      municipality: 'GM0363',
      via: 'address',
    });
  });

  it('names a merged municipality by its current code', () => {
    // 0001 Adorp became part of Het Hogeland.
    expect(routeToMunicipality({ postcode: '9959AA', exactMunicipality: 'GM0001' }, ref)).toEqual({
      kind: 'routed',
      municipality: 'GM1966',
      via: 'address',
    });
  });

  it('falls back to PC4 and place when the address is not in the table or its code is not one', () => {
    expect(routeToMunicipality({ postcode: '1096AB', place: 'Amsterdam', exactMunicipality: null }, ref)).toEqual({
      kind: 'routed',
      municipality: 'GM0363',
      via: 'place',
    });
    expect(routeToMunicipality({ postcode: '1096AB', exactMunicipality: 'nonsense' }, ref)).toEqual({
      kind: 'unrouted',
      reason: 'AMBIGUOUS_POSTCODE',
    });
  });
});
