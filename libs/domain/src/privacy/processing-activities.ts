// The register of processing activities (AVG art. 30) as data. Every audit entry names one of these
// activities, so the audit trail and the register describe the same processing, and the register the
// privacy officer reads is generated from the same list the code writes against. Legal bases: the Wet
// gemeentelijke schuldhulpverlening (Wgs) art. 3a and the Besluit gemeentelijke schuldhulpverlening
// (Bgs, Stb. 2020, 240), which make creditors pass signals and municipalities offer help on each.

export interface ProcessingActivity {
  /** Stable code, written in every audit entry. */
  readonly code: string;
  readonly name: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly dataSubjects: readonly string[];
  readonly personalData: readonly string[];
  readonly recipients: readonly string[];
  /** How long the data of this activity are kept, in words (the numbers are the retention policy's). */
  readonly retention: string;
}

const DEBTOR = 'inwoners met een betalingsachterstand (debtors) and their household';
const SIGNAL_DATA = [
  'naam (initials, first names, prefix, surname)',
  'adres (street, house number, letter, addition, postcode, place)',
  'geboortedatum',
  'telefoon en e-mail',
  'schuldeiser, bedrag en ontstaansdatum van de achterstand',
  'klantnummer (energy, water, health insurance only)',
];
const RETENTION_DEFAULT =
  'signals never picked up: 6 months after the signal date; closed cases: 12 months after closing; then only pseudonymised counts';

export const PROCESSING_ACTIVITIES = [
  {
    code: 'RECEIVE_SIGNAL',
    name: 'Ontvangen en toetsen van vroegsignalen',
    purpose:
      'Receive arrears signals from creditors, check them against the law and the convenant, route them to the municipality',
    legalBasis: 'AVG art. 6(1)(c) and (e); Wgs art. 3a; Bgs art. 2-5',
    dataSubjects: [DEBTOR],
    personalData: SIGNAL_DATA,
    recipients: ['the municipality where the debtor lives'],
    retention: RETENTION_DEFAULT,
  },
  {
    code: 'WORK_CASE',
    name: 'Oppakken en behandelen van vroegsignaalzaken',
    purpose: 'Offer help on every signal: view the case, contact the household, record contact attempts and the result',
    legalBasis: 'AVG art. 6(1)(e); Wgs art. 3a lid 2',
    dataSubjects: [DEBTOR],
    personalData: [...SIGNAL_DATA, 'contactpogingen en notities', 'eindresultaat'],
    recipients: ['debt-help workers of the municipality (or the partner organisation working for it)'],
    retention: RETENTION_DEFAULT,
  },
  {
    code: 'INFORM_CREDITOR',
    name: 'Terugkoppeling aan schuldeisers',
    purpose:
      'Tell the creditor what the disclosure rules allow: accepted, refused with a reason, picked up, and a fixed set of results',
    legalBasis: 'AVG art. 6(1)(c); Bgs art. 5; Landelijk Convenant Vroegsignalering',
    dataSubjects: [DEBTOR],
    personalData: ['the creditor’s own reference to the arrears', 'the disclosed status'],
    recipients: ['the creditor that sent the signal'],
    retention: 'feedback messages: the topic retention (14 days by default)',
  },
  {
    code: 'REPORT_MONITOR',
    name: 'Rapportage aan de landelijke monitor (DDAS, CBS)',
    purpose: 'Deliver the DDAS Vroegsignalering data to CBS for the national monitor',
    legalBasis: 'AVG art. 6(1)(e) and art. 89; Wgs art. 7',
    dataSubjects: [DEBTOR],
    personalData: ['postcode and house number', 'amounts in whole euros', 'dates, statuses and results'],
    recipients: ['CBS'],
    retention: 'as for the case it reports',
  },
  {
    code: 'OPERATE_REGISTRY',
    name: 'Beheer van schuldeisers, sleutels en afspraken',
    purpose:
      'Register creditors, their signing keys, their agreements with municipalities, and route unroutable signals',
    legalBasis: 'AVG art. 6(1)(e); Bgs art. 3 (model agreements)',
    dataSubjects: [DEBTOR, 'contact persons of creditors'],
    personalData: ['unrouted signals (as RECEIVE_SIGNAL)', 'creditor registrations (no personal data of debtors)'],
    recipients: ['the hub operator'],
    retention: 'unrouted signals: UNROUTED_RETENTION_DAYS (30 days by default)',
  },
  {
    code: 'SUPERVISE_PRIVACY',
    name: 'Toezicht door de functionaris gegevensbescherming',
    purpose: 'Audit access, retention and data sharing; answer the rights of data subjects (AVG art. 15-21)',
    legalBasis: 'AVG art. 5(2), 30, 38-39 and 15-21',
    dataSubjects: [DEBTOR, 'users of the hub'],
    personalData: ['audit entries (ids, never the data itself)', 'a subject-access result for the person who asked'],
    recipients: ['the privacy officer of the municipality', 'the data subject'],
    retention: 'audit entries: as long as the records they describe, at least the retention above',
  },
] as const satisfies readonly ProcessingActivity[];

export type ProcessingActivityCode = (typeof PROCESSING_ACTIVITIES)[number]['code'];

const BY_CODE = new Map<string, ProcessingActivity>(PROCESSING_ACTIVITIES.map((a) => [a.code, a]));

/** The activity of a code, or undefined for a code the register does not know. */
export function processingActivity(code: string): ProcessingActivity | undefined {
  return BY_CODE.get(code);
}
