import type { KeyObject } from 'node:crypto';
import {
  Sector,
  SignalKind,
  encodeEnvelope,
  encodeSignal,
  signEnvelope,
  signalKey,
  type SignalInit,
} from '@signaalhub/contracts';
import { sectorFromProto, type Sector as SectorName } from '@signaalhub/domain';
import type { ReferenceData } from '@signaalhub/reference';
import { devCreditorKeyId } from './creditor-keys.js';
import { signedMixedBatchRecords } from '../signing/signed-records.js';

/**
 * Realistic synthetic signals: real postcode areas of the chosen municipalities, sectors in the
 * national proportions (Divosa 2024: health ~41%, rent ~20%, energy ~20%, water ~18%), and about
 * half of the households with arrears at more than one creditor. Deterministic per seed, so a test
 * or benchmark can be repeated exactly. No real person is ever named.
 */
export interface SyntheticOptions {
  count: number;
  municipalities: string[];
  seed?: number;
  /** Households to spread the signals over; fewer households give more multi-creditor cases. */
  households?: number;
  /** The signal date; arrears start 30–90 days earlier. */
  signalDate?: string;
}

export interface SyntheticSignal {
  creditorId: string;
  signal: SignalInit;
}

export interface KafkaRecord {
  key: string;
  value: Buffer;
}

export const SECTOR_WEIGHTS: Array<[Sector, number, string[]]> = [
  [Sector.ZORG, 41, ['zorgverzekeraar-zilverkruis', 'zorgverzekeraar-noordzorg']],
  [Sector.HUUR, 20, ['woningcorporatie-de-linde', 'woningcorporatie-havenstad']],
  [Sector.ENERGIE, 20, ['energie-polderstroom']],
  [Sector.WATER, 18, ['waterbedrijf-rijnland-west']],
  [Sector.CAK_ZORGVERZEKERINGEN, 1, ['cak']],
];

/**
 * The creditors synthetic signals come from, with the sectors they signal in: what a development
 * registry must hold (registered, keyed, with agreements) for the hub to accept those signals.
 */
export const SYNTHETIC_CREDITORS: ReadonlyArray<{ id: string; sectors: SectorName[] }> = (() => {
  const sectors = new Map<string, SectorName[]>();
  for (const [sector, , creditorIds] of SECTOR_WEIGHTS) {
    for (const id of creditorIds) sectors.set(id, [...(sectors.get(id) ?? []), sectorFromProto(sector) as SectorName]);
  }
  return [...sectors].map(([id, list]) => ({ id, sectors: list }));
})();

/** Who signs a record: the creditor's key id as registered at the hub, and its Ed25519 private key. */
export interface RecordSigner {
  keyId: string;
  privateKey: KeyObject;
}
const SURNAMES = [
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'Bos',
  'Yilmaz',
  'El Amrani',
  'Pinas',
  'Nguyen',
  'Kowalski',
];
const FIRST_NAMES = [
  'Anna',
  'Mohamed',
  'Sanne',
  'Daan',
  'Fatima',
  'Lucas',
  'Emma',
  'Noah',
  'Aylin',
  'Kevin',
  'Priya',
  'Joost',
];
const STREETS = [
  'Kerkstraat',
  'Dorpsstraat',
  'Molenweg',
  'Stationsplein',
  'Schoolstraat',
  'Julianalaan',
  'Beatrixstraat',
  'Wilhelminapark',
];
const ADDITIONS = ['', '', '', '', '', '', '1', '2', 'bis', '2-hoog', 'A'];

/** A small, fast, seedable PRNG (mulberry32): reproducible data without a dependency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Postcode areas that belong to exactly one municipality, per municipality. */
function unambiguousPc4(
  reference: Pick<ReferenceData, 'pc4'>,
  municipalities: string[],
): Map<string, Array<{ pc4: string; place: string }>> {
  const wanted = new Set(municipalities);
  const out = new Map<string, Array<{ pc4: string; place: string }>>(municipalities.map((m) => [m, []]));
  for (const [pc4, rows] of reference.pc4) {
    if (rows.length !== 1 || !wanted.has(rows[0].gmCode)) continue;
    out.get(rows[0].gmCode)?.push({ pc4, place: rows[0].places[0] ?? '' });
  }
  for (const [gm, areas] of out) if (areas.length === 0) throw new Error(`no postcode area routes to ${gm} alone`);
  return out;
}

export function generateSignals(reference: Pick<ReferenceData, 'pc4'>, options: SyntheticOptions): SyntheticSignal[] {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const areas = unambiguousPc4(reference, options.municipalities);
  const signalDate = options.signalDate ?? new Date().toISOString().slice(0, 10);
  const householdCount = Math.max(1, options.households ?? Math.ceil(options.count / 1.6));
  const totalWeight = SECTOR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

  const households = Array.from({ length: householdCount }, (_, i) => {
    const municipality = options.municipalities[i % options.municipalities.length];
    const area = pick(areas.get(municipality) as Array<{ pc4: string; place: string }>);
    const letters =
      String.fromCharCode(65 + Math.floor(random() * 26)) + String.fromCharCode(65 + Math.floor(random() * 26));
    return {
      postcode: `${area.pc4}${letters === 'SA' || letters === 'SD' || letters === 'SS' ? 'AB' : letters}`,
      houseNumber: 1 + Math.floor(random() * 250),
      houseNumberAddition: pick(ADDITIONS),
      street: pick(STREETS),
      place: area.place,
      surname: pick(SURNAMES),
    };
  });

  return Array.from({ length: options.count }, (_, i) => {
    const household = households[i < householdCount ? i : Math.floor(random() * householdCount)];
    let roll = random() * totalWeight;
    const [sector, , creditors] = SECTOR_WEIGHTS.find(([, w]) => (roll -= w) < 0) ?? SECTOR_WEIGHTS[0];
    const creditorId = pick(creditors);
    const firstName = pick(FIRST_NAMES);
    const daysInArrears =
      sector === Sector.CAK_ZORGVERZEKERINGEN ? 190 + Math.floor(random() * 60) : 30 + Math.floor(random() * 60);
    const signal: SignalInit = {
      creditorSignalRef: `${creditorId.slice(0, 4).toUpperCase()}-${options.seed ?? 1}-${i}`,
      kind: SignalKind.NEW,
      sector,
      signalDate,
      sentAt: { seconds: BigInt(Math.floor(Date.parse(`${signalDate}T08:00:00Z`) / 1000)), nanos: 0 },
      initials: `${firstName[0]}.`,
      firstNames: firstName,
      surname: household.surname,
      surnamePrefix: '',
      birthDate: addDays('1950-01-01', Math.floor(random() * 20000)),
      phone: `06${String(10000000 + Math.floor(random() * 89999999))}`,
      email: `${firstName.toLowerCase()}.${i}@example.org`,
      postcode:
        random() < 0.2
          ? `${household.postcode.slice(0, 4)} ${household.postcode.slice(4).toLowerCase()}`
          : household.postcode,
      houseNumber: household.houseNumber,
      houseNumberAddition: household.houseNumberAddition,
      street: household.street,
      place: household.place,
      amountCents: BigInt(5000 + Math.floor(random() * 250000)),
      arrearsSince: addDays(signalDate, -daysInArrears),
      customerNumber: sector === Sector.HUUR ? '' : `K${100000 + i}`,
      personalContactAttempted: true,
      referredToDebtHelp: true,
      reminderSentOn: addDays(signalDate, -14),
      objectionOffered: true,
      objectionReceived: false,
      crisis: random() < 0.02,
      warmHandover: random() < 0.05,
    };
    return { creditorId, signal };
  });
}

/**
 * The Kafka record a creditor connector produces for a signal (key per ARCHITECTURE.md). With a
 * signer, the envelope carries its key id and an Ed25519 signature over the payload; without one, the
 * signature stays empty (unsigned development traffic). A number in place of the signer is ignored,
 * so `signals.map(toKafkaRecord)` keeps working.
 */
export function toKafkaRecord({ creditorId, signal }: SyntheticSignal, signer?: RecordSigner | number): KafkaRecord {
  const payload = encodeSignal(signal);
  const signed = typeof signer === 'object' ? signer : undefined;
  const keyId = signed?.keyId ?? devCreditorKeyId(creditorId);
  return {
    key: signalKey(creditorId, signal.creditorSignalRef as string),
    value: Buffer.from(
      encodeEnvelope({
        creditorId,
        keyId,
        payload,
        signature: signed ? signEnvelope(signed.privateKey, { creditorId, keyId, payload }) : new Uint8Array(),
      }),
    ),
  };
}

/**
 * `signals.map(signedKafkaRecords(keys))`: each record signed on its own (per-message mode) with its
 * creditor's key. Producers of whole batches use {@link signedKafkaBatch}.
 */
export function signedKafkaRecords(
  signers: ReadonlyMap<string, RecordSigner>,
): (signal: SyntheticSignal) => KafkaRecord {
  return (signal) => {
    const signer = signers.get(signal.creditorId);
    if (!signer) throw new Error(`no signing key for creditor ${signal.creditorId}`);
    return toKafkaRecord(signal, signer);
  };
}

/**
 * `signedKafkaBatch(keys)(chunk)`: the records of one produced chunk, as connectors produce them:
 * signed in batch mode, one signed Merkle root per creditor in the chunk, in the chunk's order.
 */
export function signedKafkaBatch(
  signers: ReadonlyMap<string, RecordSigner>,
): (signals: readonly SyntheticSignal[]) => KafkaRecord[] {
  const signerOf = (creditorId: string): RecordSigner => {
    const signer = signers.get(creditorId);
    if (!signer) throw new Error(`no signing key for creditor ${creditorId}`);
    return signer;
  };
  return (signals) => signedMixedBatchRecords(signerOf, signals);
}
