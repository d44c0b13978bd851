import { Sector, SignalKind, type SignalInit } from '@signaalhub/contracts';
import { addDays, addWorkingDays } from '@signaalhub/domain';
import type { ReferenceData } from '@signaalhub/reference';
import type { Faker } from '@faker-js/faker';
import { SECTOR_WEIGHTS, seededRandom, type SyntheticSignal } from './synthetic-signals.js';

/**
 * A national stream of synthetic signals: households in municipalities weighted by population, at
 * real postcode areas with their place names, Dutch names, per-sector amounts and days in arrears,
 * about half of the households in arrears with several creditors within six months, and each
 * arrears' signals in their legal order. A configurable share is deliberately flawed, so the hub's
 * refusals get exercised too. Everything follows from the seed and the reference date: the same
 * options give the same signals, byte for byte.
 */
export interface NationalStreamOptions {
  count: number;
  seed: number;
  /** The last day of the six-month window the stream covers; no clock is read. */
  referenceDate?: string;
  /** Share (0–1) of signals that are invalid (the hub refuses them) or break the covenant's rules. */
  invalidShare?: number;
}

export const DEFAULT_REFERENCE_DATE = '2026-07-01';

/** `invalid`: fails validation; `rule-breaking`: well-formed, but outside what the covenant allows. */
export type SignalFlaw = 'none' | 'invalid' | 'rule-breaking';

export interface NationalSignal extends SyntheticSignal {
  householdId: number;
  gmCode: string;
  flaw: SignalFlaw;
}

/** Arrears per sector: amount range in euros and days in arrears at the first signal (the LCV windows). */
const ARREARS: Record<number, { euros: [number, number]; days: [number, number] }> = {
  [Sector.ZORG]: { euros: [150, 1_500], days: [30, 100] },
  [Sector.HUUR]: { euros: [600, 4_000], days: [30, 120] },
  [Sector.ENERGIE]: { euros: [150, 2_500], days: [30, 120] },
  [Sector.WATER]: { euros: [40, 500], days: [30, 150] },
  [Sector.CAK_ZORGVERZEKERINGEN]: { euros: [1_000, 3_500], days: [183, 400] },
};

/** Creditors per household and how often: half of the households have more than one. */
const HOUSEHOLD_SIZES: ReadonlyArray<[creditors: number, share: number]> = [
  [1, 0.5],
  [2, 0.35],
  [3, 0.15],
];

interface CreditorWeight {
  sector: Sector;
  creditorId: string;
  weight: number;
}

/**
 * A household's creditors are drawn without replacement (two arrears at one creditor are one
 * relationship), which on its own favours the small creditors: once a household has the water
 * company, the next draw cannot be water. The draw weights are therefore corrected until the share
 * of arrears per creditor, over all household sizes, is the sector mix's.
 */
function creditorDrawWeights(): CreditorWeight[] {
  const targets = SECTOR_WEIGHTS.flatMap(([sector, weight, ids]) =>
    ids.map((creditorId) => ({ sector, creditorId, weight: weight / ids.length })),
  );
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  const target = targets.map((t) => t.weight / total);
  const meanSize = HOUSEHOLD_SIZES.reduce((sum, [size, share]) => sum + size * share, 0);
  let weights = [...target];
  for (let round = 0; round < 200; round++) {
    const included = new Array<number>(weights.length).fill(0);
    // Every ordered draw of up to three creditors, with its probability: at most 7·6·5 sequences.
    const visit = (probability: number, used: number[], sizeShare: (depth: number) => number): void => {
      const remaining = weights.reduce((sum, w, i) => (used.includes(i) ? sum : sum + w), 0);
      for (let i = 0; i < weights.length; i++) {
        if (used.includes(i)) continue;
        const p = (probability * weights[i]) / remaining;
        const share = sizeShare(used.length + 1);
        if (share > 0) included[i] += p * share;
        if (used.length + 1 < HOUSEHOLD_SIZES.length) visit(p, [...used, i], sizeShare);
      }
    };
    // A creditor drawn at depth d counts for every household size ≥ d.
    visit(1, [], (depth) => HOUSEHOLD_SIZES.filter(([size]) => size >= depth).reduce((sum, [, s]) => sum + s, 0));
    weights = weights.map((w, i) => (w * target[i]) / (included[i] / meanSize));
  }
  return targets.map((t, i) => ({ ...t, weight: weights[i] }));
}
const ADDITIONS = ['', '', '', '', '', '', '', '', 'A', 'B', '1', '2', 'bis', 'hs'];
const SURNAME_PREFIX = /^((?:(?:van|de|der|den|het|ter|ten|in|op|'t|la|le)\s)+)(.+)$/i;

/** Lazily loaded: only the simulator needs names, and Faker with its locales is a large import. */
export async function loadDutchFaker(seed: number): Promise<Faker> {
  const { Faker, nl, base } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [nl, base] });
  faker.seed(seed);
  return faker;
}

interface Area {
  gmCode: string;
  pc4: string;
  place: string;
}

/** Postcode areas that lie in one municipality only, weighted so municipalities weigh as their population. */
function populationWeightedAreas(reference: Pick<ReferenceData, 'pc4' | 'population'>): {
  areas: Area[][];
  cumulative: number[];
} {
  const byMunicipality = new Map<string, Area[]>();
  for (const [pc4, rows] of reference.pc4) {
    if (rows.length !== 1) continue;
    const gmCode = rows[0].gmCode;
    const list = byMunicipality.get(gmCode) ?? [];
    list.push({ gmCode, pc4, place: rows[0].places[0] ?? '' });
    byMunicipality.set(gmCode, list);
  }
  const areas: Area[][] = [];
  const cumulative: number[] = [];
  let total = 0;
  // Sorted, so the outcome does not depend on the order the reference tables were read in.
  for (const gmCode of [...byMunicipality.keys()].sort()) {
    const population = reference.population.get(gmCode) ?? 0;
    if (population <= 0) continue;
    total += population;
    areas.push(byMunicipality.get(gmCode) as Area[]);
    cumulative.push(total);
  }
  return { areas, cumulative };
}

function weightedIndex(cumulative: readonly number[], roll: number): number {
  const target = roll * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The kinds of one arrears' signals, in their legal order (energy: NEW → UPDATE → END_OF_SUPPLY). */
function kindSequence(sector: Sector, random: () => number): SignalKind[] {
  const roll = random();
  const updates = roll < 0.55 ? 0 : roll < 0.85 ? 1 : 2;
  const kinds = [SignalKind.NEW, ...Array<SignalKind>(updates).fill(SignalKind.UPDATE)];
  // Replaces the second update rather than adding a signal, so every sector has the same number of
  // signals per arrears and the sector mix of signals stays that of arrears.
  if (sector === Sector.ENERGIE && updates === 2 && random() < 0.6) kinds[2] = SignalKind.END_OF_SUPPLY;
  if (random() < 0.1) kinds.push(SignalKind.WITHDRAWN);
  return kinds;
}

/**
 * Makes a signal invalid in one of the ways the hub's validation refuses. Each breaks a field rule
 * of `validateSignal`, so a test can prove the hub would refuse it.
 */
function makeInvalid(signal: SignalInit, random: () => number): void {
  const ways: Array<() => void> = [
    () => (signal.postcode = `${String(signal.postcode).slice(0, 4)}XYZ`),
    () => (signal.houseNumber = 0),
    () => (signal.surname = ''),
    () => (signal.birthDate = '1980-02-30'),
    () => (signal.arrearsSince = '31-12-2025'),
  ];
  ways[Math.floor(random() * ways.length)]();
}

/** Well-formed, but outside what the covenant allows: no personal contact, an objection, or too early. */
function makeRuleBreaking(signal: SignalInit, random: () => number): void {
  const ways: Array<() => void> = [
    () => (signal.personalContactAttempted = false),
    () => (signal.objectionReceived = true),
    () => (signal.arrearsSince = addDays(String(signal.signalDate), -5)),
  ];
  ways[Math.floor(random() * ways.length)]();
}

export function* nationalSignals(
  reference: Pick<ReferenceData, 'pc4' | 'population'>,
  faker: Faker,
  options: NationalStreamOptions,
): Generator<NationalSignal> {
  const { count, seed } = options;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const invalidShare = options.invalidShare ?? 0;
  const random = seededRandom(seed);
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const { areas, cumulative } = populationWeightedAreas(reference);
  const drawWeights = creditorDrawWeights();
  const drawCreditors = (count: number): CreditorWeight[] => {
    const chosen: CreditorWeight[] = [];
    while (chosen.length < count) {
      const open = drawWeights.filter((c) => !chosen.includes(c));
      let roll = random() * open.reduce((sum, c) => sum + c.weight, 0);
      chosen.push(open.find((c) => (roll -= c.weight) < 0) ?? open[open.length - 1]);
    }
    return chosen;
  };

  let emitted = 0;
  let arrearsNo = 0;
  for (let householdId = 0; emitted < count; householdId++) {
    const municipalityAreas = areas[weightedIndex(cumulative, random())];
    const area = municipalityAreas[Math.floor(random() * municipalityAreas.length)];
    const letters = String.fromCharCode(65 + between(0, 25), 65 + between(0, 25));
    // SA, SD and SS are never issued as postcode letters.
    const postcode = `${area.pc4}${['SA', 'SD', 'SS'].includes(letters) ? 'AB' : letters}`;
    const houseNumber = between(1, 250);
    const houseNumberAddition = ADDITIONS[Math.floor(random() * ADDITIONS.length)];
    const street = faker.location.street();
    const lastName = faker.person.lastName();
    const split = lastName.match(SURNAME_PREFIX);
    const prefix = split?.[1] ?? '';
    const familyName = split?.[2] ?? lastName;
    const firstNames = faker.person.firstName();
    const birthDate = addDays('1945-01-01', between(0, 21_000));
    // The six-month window in which this household's arrears start, ending at most 45 days before
    // the reference date: the stream is what creditors sent in the last seven months or so, so its
    // cases are current rather than past the retention term of signals never picked up.
    const windowStart = addDays(referenceDate, -225 + between(0, 45));

    let sizeRoll = random();
    const [size] = HOUSEHOLD_SIZES.find(([, share]) => (sizeRoll -= share) < 0) ?? HOUSEHOLD_SIZES[0];

    for (const { sector, creditorId } of drawCreditors(size)) {
      arrearsNo++;
      const ref = `${creditorId.slice(0, 4).toUpperCase()}-${seed}-${arrearsNo}`;
      const shape = ARREARS[sector];
      let signalDate = addDays(windowStart, between(0, 179));
      const arrearsSince = addDays(signalDate, -between(...shape.days));
      let amountCents = BigInt(between(shape.euros[0] * 100, shape.euros[1] * 100));
      const customerNumber = sector === Sector.HUUR ? '' : `K${between(100_000, 9_999_999)}`;
      for (const kind of kindSequence(sector, random)) {
        if (emitted >= count) return;
        if (kind !== SignalKind.NEW) signalDate = addDays(signalDate, between(7, 40));
        // Follow-ups that would come on or after the reference date have not happened yet.
        if (signalDate >= referenceDate) break;
        if (kind === SignalKind.UPDATE) amountCents += BigInt(between(0, 30_000));
        const signal: SignalInit = {
          creditorSignalRef: ref,
          kind,
          sector,
          signalDate,
          sentAt: { seconds: BigInt(Date.parse(`${signalDate}T07:00:00Z`) / 1000 + between(0, 36_000)), nanos: 0 },
          initials: `${firstNames[0]}.`,
          firstNames,
          surname: familyName,
          surnamePrefix: prefix.trim().toLowerCase(),
          birthDate,
          phone: `06${between(10_000_000, 99_999_999)}`,
          email: `${firstNames.toLowerCase().replace(/[^a-z]/g, '')}.${householdId}@example.org`,
          postcode,
          houseNumber,
          houseNumberAddition,
          street,
          place: area.place,
          amountCents: kind === SignalKind.WITHDRAWN ? 0n : amountCents,
          arrearsSince,
          customerNumber,
          supplyEndDate: kind === SignalKind.END_OF_SUPPLY ? addWorkingDays(signalDate, between(20, 30)) : '',
          personalContactAttempted: true,
          referredToDebtHelp: true,
          reminderSentOn: addDays(arrearsSince, between(7, 20)),
          objectionOffered: true,
          objectionReceived: false,
          crisis: random() < 0.02,
          warmHandover: random() < 0.05,
        };
        let flaw: SignalFlaw = 'none';
        if (random() < invalidShare) {
          flaw = random() < 0.5 ? 'invalid' : 'rule-breaking';
          if (flaw === 'invalid') makeInvalid(signal, random);
          else makeRuleBreaking(signal, random);
        }
        emitted++;
        yield { creditorId, signal, householdId, gmCode: area.gmCode, flaw };
      }
    }
  }
}
