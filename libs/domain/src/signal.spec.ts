import { describe, expect, it } from '@jest/globals';
import {
  DDAS_SIGNAALPARTNER,
  SECTORS,
  sectorFromProto,
  sectorToProto,
  signalKindFromProto,
  signalKindToProto,
  SIGNAL_KINDS,
} from './signal.js';

describe('sector ↔ protobuf Sector', () => {
  it.each([
    [0, null],
    [1, 'HUUR'],
    [2, 'ENERGIE'],
    [3, 'WATER'],
    [4, 'ZORG'],
    [5, 'CAK_ZORGVERZEKERINGEN'],
    [6, 'CAK_EIGEN_BIJDRAGE'],
    [7, 'BELASTINGDIENST'],
    [8, 'DIENST_TOESLAGEN'],
    [9, 'DUO'],
    [10, 'HYPOTHEEK'],
    [11, 'OVERIGE'],
    [12, null],
    [99, null],
    [-1, null],
    [1.5, null],
  ])('%p → %p', (value, sector) => {
    expect(sectorFromProto(value)).toBe(sector);
  });

  it.each(SECTORS.map((sector) => [sector]))('%s round-trips', (sector) => {
    expect(sectorFromProto(sectorToProto(sector))).toBe(sector);
  });
});

describe('signal kind ↔ protobuf SignalKind', () => {
  it.each([
    [0, null],
    [1, 'NEW'],
    [2, 'UPDATE'],
    [3, 'WITHDRAWN'],
    [4, 'END_OF_SUPPLY'],
    [5, null],
  ])('%p → %p', (value, kind) => {
    expect(signalKindFromProto(value)).toBe(kind);
  });

  it.each(SIGNAL_KINDS.map((kind) => [kind]))('%s round-trips', (kind) => {
    expect(signalKindFromProto(signalKindToProto(kind))).toBe(kind);
  });
});

describe('DDAS EnumSignaalpartner', () => {
  // The exact enum of ddas-vroegsignalering v1.2 (json_schema_Uitwisselmodel.json).
  it('covers the DDAS values exactly, one sector each', () => {
    expect(Object.values(DDAS_SIGNAALPARTNER).sort()).toEqual(
      [
        'Belastingdienst',
        'CAK Eigen bijdrage',
        'CAK Zorgverzekeringen',
        'Dienst Toeslagen',
        'DUO',
        'Energie',
        'Huur',
        'Hypotheek',
        'Overige',
        'Water',
        'Zorg',
      ].sort(),
    );
  });
});
