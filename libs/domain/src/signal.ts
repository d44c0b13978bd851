// The signal (vroegsignaal) vocabulary of the domain. The protobuf contract carries these as numeric
// enums; the domain uses the names, so rules and tests read like DOMAIN.md.

/**
 * Signaalpartner type: one value per DDAS v1.2 `EnumSignaalpartner`. The array order is the protobuf
 * `Sector` numbering (1 = HUUR … 11 = OVERIGE; 0 is UNSPECIFIED), so never reorder it.
 */
export const SECTORS = [
  'HUUR',
  'ENERGIE',
  'WATER',
  'ZORG',
  'CAK_ZORGVERZEKERINGEN',
  'CAK_EIGEN_BIJDRAGE',
  'BELASTINGDIENST',
  'DIENST_TOESLAGEN',
  'DUO',
  'HYPOTHEEK',
  'OVERIGE',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * Where a signal is in the lifecycle of one arrears case. Order = protobuf `SignalKind` numbering
 * (1 = NEW … 4 = END_OF_SUPPLY; 0 is UNSPECIFIED).
 */
export const SIGNAL_KINDS = ['NEW', 'UPDATE', 'WITHDRAWN', 'END_OF_SUPPLY'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The exact DDAS `EnumSignaalpartner` string of each sector, for the monitor export. */
export const DDAS_SIGNAALPARTNER: Readonly<Record<Sector, string>> = {
  HUUR: 'Huur',
  ENERGIE: 'Energie',
  WATER: 'Water',
  ZORG: 'Zorg',
  CAK_ZORGVERZEKERINGEN: 'CAK Zorgverzekeringen',
  CAK_EIGEN_BIJDRAGE: 'CAK Eigen bijdrage',
  BELASTINGDIENST: 'Belastingdienst',
  DIENST_TOESLAGEN: 'Dienst Toeslagen',
  DUO: 'DUO',
  HYPOTHEEK: 'Hypotheek',
  OVERIGE: 'Overige',
};

// Protobuf enum value n (n ≥ 1) is element n - 1 of the list; 0 (UNSPECIFIED) and numbers this
// version does not know map to null, never to a default.
function fromProto<T>(values: readonly T[], value: number): T | null {
  return Number.isInteger(value) && value >= 1 && value <= values.length ? values[value - 1]! : null;
}

/** Protobuf `Sector` number → sector, or null for UNSPECIFIED (0) and unknown numbers. */
export function sectorFromProto(value: number): Sector | null {
  return fromProto(SECTORS, value);
}

/** Sector → protobuf `Sector` number. */
export function sectorToProto(sector: Sector): number {
  return SECTORS.indexOf(sector) + 1;
}

/** Protobuf `SignalKind` number → kind, or null for UNSPECIFIED (0) and unknown numbers. */
export function signalKindFromProto(value: number): SignalKind | null {
  return fromProto(SIGNAL_KINDS, value);
}

/** Signal kind → protobuf `SignalKind` number. */
export function signalKindToProto(kind: SignalKind): number {
  return SIGNAL_KINDS.indexOf(kind) + 1;
}
