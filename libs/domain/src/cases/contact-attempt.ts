// A contactpoging as DDAS v1.2 records it: the kind (EnumContactsoort), whether the person was
// reached, the date and the part of the day (EnumDagdeel). The part of the day matters: evening home
// visits reach about 90% of people, daytime visits fewer than half (DOMAIN.md).

/** The 10 values of DDAS v1.2 `EnumContactsoort`: code name → the exact Dutch value. */
export const CONTACT_KINDS = {
  ADMINISTRATIVE: 'Administratief',
  APPOINTMENT_ON_LOCATION: 'Afspraak op locatie',
  LETTER: 'Brief',
  HOME_VISIT: 'Huisbezoek',
  CARD: 'Kaartje',
  EMAIL: 'Mail',
  UNKNOWN: 'Onbekend',
  OTHER: 'Overige',
  SMS_WHATSAPP: 'SMS/Whatsapp',
  PHONE: 'Telefoon',
} as const;
export type ContactKind = keyof typeof CONTACT_KINDS;

/** The 3 values of DDAS v1.2 `EnumDagdeel`: Ochtend before 12:00, Middag 12:00–18:00, Avond from 18:00. */
export const DAY_PARTS = {
  MORNING: 'Ochtend',
  AFTERNOON: 'Middag',
  EVENING: 'Avond',
} as const;
export type DayPart = keyof typeof DAY_PARTS;

/** Dutch municipalities work in Dutch time: the part of the day is that of the local clock. */
const DUTCH_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The part of the day of a moment, on the Dutch clock (summer time included). */
export function dayPartOf(moment: Date): DayPart {
  const hour = Number(DUTCH_CLOCK.format(moment));
  if (hour < 12) return 'MORNING';
  return hour < 18 ? 'AFTERNOON' : 'EVENING';
}

/** The calendar day of a moment on the Dutch clock, YYYY-MM-DD. */
export function dutchDateOf(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(moment);
}
