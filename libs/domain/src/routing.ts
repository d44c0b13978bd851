import { normalisePostcode, pc4Of } from './address.js';

/** One municipality a PC4 area lies in, with its places (woonplaatsen). */
export interface Pc4Municipality {
  readonly gmCode: string;
  readonly places: readonly string[];
}

/**
 * The reference tables routing needs. `ReferenceData` from `@signaalhub/reference` fits this shape;
 * the domain takes it as a plain argument so it never reads files itself.
 */
export interface RoutingTables {
  readonly pc4: ReadonlyMap<string, readonly Pc4Municipality[]>;
  /** Historic municipality code (bare or GM form) → its current code. */
  readonly mergers: ReadonlyMap<string, string>;
}

export type Routing =
  | { readonly kind: 'routed'; readonly municipality: string; readonly via: 'address' | 'pc4' | 'place' }
  | { readonly kind: 'unrouted'; readonly reason: UnroutedReason };

/**
 * Why a signal could not be routed automatically. Such a signal is held for manual routing, never
 * sent to a guessed municipality: a wrong guess shows a debtor's data to the wrong municipality.
 */
export type UnroutedReason = 'UNKNOWN_POSTCODE' | 'AMBIGUOUS_POSTCODE';

/** `'0363'`, `'GM0363'` or `'gm0363'` → `'GM0363'`; anything else → null. */
export function toMunicipalityCode(code: string): string | null {
  const trimmed = code.trim().toUpperCase();
  if (/^\d{4}$/.test(trimmed)) return `GM${trimmed}`;
  return /^GM\d{4}$/.test(trimmed) ? trimmed : null;
}

/**
 * The current GM code for any municipality code, historic or current, bare or with `GM`. Municipalities
 * merge every 1 January, so codes in old signals, agreements and tokens must go through the mergers
 * table; current codes are not in it and come back unchanged (normalised to the GM form). The shipped
 * table already follows chains, but a one-step table would work too: look-ups repeat until the code
 * is current. Returns null for something that is not a municipality code at all. Whether the result
 * exists is for the caller to check against the municipality list.
 */
export function currentMunicipalityCode(code: string, mergers: ReadonlyMap<string, string>): string | null {
  let current = toMunicipalityCode(code);
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const next = mergers.get(current) ?? mergers.get(current.slice(2));
    if (next === undefined) return current;
    current = toMunicipalityCode(next);
  }
  // A cycle in the mergers table is a data error; refuse rather than pick one of the codes.
  return null;
}

/**
 * Compares place names the way people write them: case, diacritics, apostrophes and punctuation do
 * not count, so "'s-Gravenhage", "s-Gravenhage" and "S GRAVENHAGE" are equal, as are
 * "Amsterdam-Duivendrecht" and "amsterdam duivendrecht". Aliases ("Den Haag") are not invented: only
 * names in the PC4 table match.
 */
export function normalisePlaceName(place: string): string {
  return place
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Routes a signal to the municipality where the debtor lives. The exact address (postcode and house
 * number in the CBS address table, when the operator imported it) decides first. Otherwise the PC4 of
 * the postcode decides when it lies in one municipality; when it straddles a border, the place name
 * must match the places of exactly one of them; otherwise the signal stays unrouted (held for manual
 * routing). The result is always a current municipality code.
 */
export function routeToMunicipality(
  address: {
    readonly postcode: string;
    readonly place?: string | undefined;
    /** The municipality code the CBS address table gives for this postcode and house number, if any. */
    readonly exactMunicipality?: string | null | undefined;
  },
  ref: RoutingTables,
): Routing {
  if (address.exactMunicipality) {
    const exact = currentMunicipalityCode(address.exactMunicipality, ref.mergers);
    if (exact !== null) return { kind: 'routed', municipality: exact, via: 'address' };
  }
  const postcode = normalisePostcode(address.postcode);
  const entries = postcode === null ? undefined : ref.pc4.get(pc4Of(postcode));
  if (!entries || entries.length === 0) return { kind: 'unrouted', reason: 'UNKNOWN_POSTCODE' };

  const byPc4 = single(currentCodes(entries, ref.mergers));
  if (byPc4 !== null) return { kind: 'routed', municipality: byPc4, via: 'pc4' };

  const place = normalisePlaceName(address.place ?? '');
  if (place !== '') {
    const byPlace = single(
      currentCodes(
        entries.filter((entry) => entry.places.some((p) => normalisePlaceName(p) === place)),
        ref.mergers,
      ),
    );
    if (byPlace !== null) return { kind: 'routed', municipality: byPlace, via: 'place' };
  }
  return { kind: 'unrouted', reason: 'AMBIGUOUS_POSTCODE' };
}

/**
 * Every municipality (current code) the postcode's PC4 area lies in, whatever the place name: the
 * only municipalities a signal with this postcode can belong to. Empty for an unknown or malformed
 * postcode.
 */
export function candidateMunicipalities(postcode: string, ref: RoutingTables): ReadonlySet<string> {
  const normalised = normalisePostcode(postcode);
  const entries = normalised === null ? undefined : ref.pc4.get(pc4Of(normalised));
  const codes = new Set<string>();
  for (const code of currentCodes(entries ?? [], ref.mergers)) if (code !== null) codes.add(code);
  return codes;
}

// Two rows can name municipalities that have since merged; they are then one candidate, not two.
function currentCodes(entries: readonly Pc4Municipality[], mergers: ReadonlyMap<string, string>): Set<string | null> {
  return new Set(entries.map((entry) => currentMunicipalityCode(entry.gmCode, mergers)));
}

// The one candidate, or null when there are none, several, or a row whose code is not a
// municipality code (the reference loader rejects such tables; here it only must not become a guess).
function single(codes: Set<string | null>): string | null {
  const [code] = codes;
  return codes.size === 1 ? (code ?? null) : null;
}
