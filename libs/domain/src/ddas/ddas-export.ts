// The DDAS Vroegsignalering v1.2 document a municipality delivers to CBS for the national monitor
// (../reference/data/ddas-vroegsignalering-v1.2.schema.json). Pure: built from plain records the hub
// reads; the Dutch field names and enum values are the exchange model's, exactly.

import { CASE_RESULTS, SIGNAL_STATUSES, type CaseResult, type SignalStatus } from '../rules/disclosure.js';
import { CONTACT_KINDS, DAY_PARTS, type ContactKind, type DayPart } from '../cases/contact-attempt.js';
import { DDAS_SIGNAALPARTNER, type Sector } from '../signal.js';

/** DDAS transport delivers at most this many signals per page (DOMAIN.md, Reporting). */
export const DDAS_MAX_SIGNALS_PER_PAGE = 50_000;

export interface DdasSignalRecord {
  readonly id: string;
  readonly crisis: boolean;
  readonly warmHandover: boolean;
  readonly amountCents: bigint;
  /** YYYY-MM-DD */
  readonly arrearsSince: string;
  /** YYYY-MM-DD */
  readonly signalDate: string;
  readonly status: SignalStatus;
  readonly sector: Sector;
  /** The client is identified by postcode and house number: the hub never stores a BSN. */
  readonly postcode: string;
  readonly houseNumber: number;
  readonly houseLetter: string;
  readonly houseNumberAddition: string;
  /** YYYY-MM-DD or '' */
  readonly birthDate: string;
}

export interface DdasCaseRecord {
  readonly signalIds: readonly string[];
  readonly result: CaseResult | null;
  /** YYYY-MM-DD: the day the signals were matched into this case (its first signal). */
  readonly matchedOn: string;
  readonly matchingPeriodStart: string;
  readonly matchingPeriodEnd: string;
  readonly pickedUpOn: string | null;
  readonly contactAttempts: ReadonlyArray<{
    readonly kind: ContactKind;
    readonly reached: boolean;
    /** YYYY-MM-DD */
    readonly date: string;
    readonly dayPart: DayPart | null;
  }>;
}

export interface DdasDelivery {
  /** YYYY-MM-DD, both inclusive */
  readonly from: string;
  readonly to: string;
  readonly deliveredAt: Date;
  /** Code of the data supplier (the software supplier or hosting party). */
  readonly supplierCode: string;
  /** GM code, e.g. GM0363. */
  readonly municipality: string;
  readonly organisation: {
    readonly name: string;
    readonly kvkNumber?: string;
    readonly contacts: ReadonlyArray<{ name: string; phone?: string; email?: string; title?: string }>;
  };
  readonly signals: readonly DdasSignalRecord[];
  readonly cases: readonly DdasCaseRecord[];
}

/** Whole euros, rounded half up: DDAS `bedrag` is "een geldbedrag in hele euros nauwkeurig". */
export function wholeEuros(cents: bigint): number {
  return Number((cents + 50n) / 100n);
}

export interface DdasPage {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  readonly document: Record<string, unknown>;
}

/**
 * The delivery as DDAS documents of at most {@link DDAS_MAX_SIGNALS_PER_PAGE} signals each. A case
 * and its signals always travel on the same page, so each page stands on its own.
 */
export function buildDdasPages(delivery: DdasDelivery, maxSignals = DDAS_MAX_SIGNALS_PER_PAGE): DdasPage[] {
  const signalById = new Map(delivery.signals.map((s) => [s.id, s]));
  const inCase = new Set(delivery.cases.flatMap((c) => c.signalIds));
  // Units that must stay together: each case with its signals, and each signal without a case.
  const units: Array<{ signals: DdasSignalRecord[]; cases: DdasCaseRecord[] }> = [
    ...delivery.cases.map((c) => ({
      signals: c.signalIds.map((id) => signalById.get(id)).filter((s): s is DdasSignalRecord => s !== undefined),
      cases: [c],
    })),
    ...delivery.signals.filter((s) => !inCase.has(s.id)).map((s) => ({ signals: [s], cases: [] })),
  ];
  const pages: Array<{ signals: DdasSignalRecord[]; cases: DdasCaseRecord[] }> = [];
  let current = { signals: [] as DdasSignalRecord[], cases: [] as DdasCaseRecord[] };
  for (const unit of units) {
    if (current.signals.length > 0 && current.signals.length + unit.signals.length > maxSignals) {
      pages.push(current);
      current = { signals: [], cases: [] };
    }
    current.signals.push(...unit.signals);
    current.cases.push(...unit.cases);
  }
  if (current.signals.length > 0 || pages.length === 0) pages.push(current);
  return pages.map((page, i) => ({
    page: i + 1,
    pages: pages.length,
    document: document(delivery, page.signals, page.cases),
  }));
}

function document(
  delivery: DdasDelivery,
  signals: readonly DdasSignalRecord[],
  cases: readonly DdasCaseRecord[],
): Record<string, unknown> {
  const { organisation } = delivery;
  return {
    startdatumLevering: delivery.from,
    einddatumLevering: delivery.to,
    aanleverdatumEnTijd: delivery.deliveredAt.toISOString(),
    codeGegevensleverancier: delivery.supplierCode,
    leveringen: [
      {
        teller: 1,
        gemeentecode: delivery.municipality.replace(/^GM/, ''),
        aanleverendeOrganisatie: {
          naam: organisation.name,
          ...(organisation.kvkNumber ? { 'kvk-nummer': organisation.kvkNumber } : {}),
          // The schema wants at least one contact person when the list is there at all.
          ...(organisation.contacts.length > 0
            ? {
                contactpersonen: organisation.contacts.map((c) => ({
                  naam: c.name,
                  ...(c.phone ? { telefoonnummer: c.phone } : {}),
                  ...(c.email ? { email: c.email } : {}),
                  ...(c.title ? { functietitel: c.title } : {}),
                })),
              }
            : {}),
        },
        vroegsignalen: signals.map(signal),
        vroegsignaalzaken: cases.map(vroegsignaalzaak),
      },
    ],
  };
}

function signal(s: DdasSignalRecord): Record<string, unknown> {
  const addition = `${s.houseLetter}${s.houseNumberAddition}`;
  return {
    ID: s.id,
    crisissignaal: s.crisis,
    warmeOverdracht: s.warmHandover,
    bedrag: wholeEuros(s.amountCents),
    ontstaansdatum: s.arrearsSince,
    signaaldatum: s.signalDate,
    status: SIGNAL_STATUSES[s.status],
    signaalpartner: { type: DDAS_SIGNAALPARTNER[s.sector] },
    client: {
      ...(s.birthDate ? { geboortedatum: s.birthDate } : {}),
      postcode: s.postcode,
      huisnummer: String(s.houseNumber),
      ...(addition ? { huisnummertoevoeging: addition } : {}),
    },
  };
}

function vroegsignaalzaak(c: DdasCaseRecord): Record<string, unknown> {
  return {
    ...(c.result ? { resultaat: CASE_RESULTS[c.result] } : {}),
    matchingsdatum: c.matchedOn,
    startdatumMatchingperiode: c.matchingPeriodStart,
    einddatumMatchingperiode: c.matchingPeriodEnd,
    ...(c.pickedUpOn ? { datumOpgepakt: c.pickedUpOn } : {}),
    vroegsignalen: c.signalIds.map((ID) => ({ ID })),
    contactpogingen: c.contactAttempts.map((a) => ({
      soort: CONTACT_KINDS[a.kind],
      bereikt: a.reached,
      datum: a.date,
      ...(a.dayPart ? { dagdeel: DAY_PARTS[a.dayPart] } : {}),
    })),
  };
}
