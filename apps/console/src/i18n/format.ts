// Numbers and dates the Dutch way (or the chosen language's), in one place.

const TIME_ZONE = 'Europe/Amsterdam';

/** Euro cents as a decimal string (the API's 64-bit amounts) → "€ 1.234,56". */
export function formatCents(cents: string | number, language: string): string {
  const value = Number(cents) / 100;
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(value);
}

/** A calendar day, YYYY-MM-DD → "1 december 2026". */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

/** A moment → "1 dec. 2026, 14:05" on the Dutch clock. */
export function formatMoment(moment: string | null | undefined, language: string): string {
  if (!moment) return '—';
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(new Date(moment));
}

/** Today on the Dutch clock, YYYY-MM-DD (the default day of a contact attempt). */
export function todayInNetherlands(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

export function formatAddress(household: {
  street?: string | null;
  houseNumber: number;
  houseLetter?: string | null;
  houseNumberAddition?: string | null;
  postcode: string;
  place?: string | null;
}): string {
  const number = `${household.houseNumber}${household.houseLetter ?? ''}${household.houseNumberAddition ? `-${household.houseNumberAddition}` : ''}`;
  const street = household.street ? `${household.street} ${number}` : `${household.postcode} ${number}`;
  return household.place ? `${street}, ${household.place}` : street;
}
