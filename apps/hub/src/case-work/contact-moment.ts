import { dayPartOf, dutchDateOf, type DayPart } from '@signaalhub/domain';

/** When a contact attempt happened, as a worker gives it: a moment, or a day with an optional part. */
export interface ContactMomentInput {
  at?: Date | null;
  date?: string | null;
  dayPart?: DayPart | null;
}

/** What is stored: the Dutch calendar day, and the part of the day when known. */
export interface ContactMoment {
  attemptedOn: string;
  dayPart: DayPart | null;
}

export type ContactMomentResult = { ok: true; moment: ContactMoment } | { ok: false; message: string };

// A phone or laptop clock a little ahead of the server is not a "future" attempt.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day and dagdeel of a contact attempt. A given moment decides both on the Dutch clock (and then
 * a separate dayPart would only be able to contradict it); a date alone may carry the dayPart the
 * worker remembers. Nothing may lie in the future, nor before `earliest` (the day the case opened).
 */
export function contactMomentOf(input: ContactMomentInput, now: Date, earliest: string): ContactMomentResult {
  const at = input.at ?? null;
  const date = input.date ?? null;
  if ((at === null) === (date === null)) return refuse('give either at (a moment) or date (a day), not both');
  if (at !== null) {
    if (Number.isNaN(at.getTime())) return refuse('at is not a valid moment');
    if (input.dayPart) return refuse('dayPart follows from at; give it only with a date');
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return refuse('a contact attempt cannot lie in the future');
    return within({ attemptedOn: dutchDateOf(at), dayPart: dayPartOf(at) }, earliest);
  }
  if (!isCalendarDate(date as string)) return refuse('date must be a calendar date, YYYY-MM-DD');
  if ((date as string) > dutchDateOf(now)) return refuse('a contact attempt cannot lie in the future');
  return within({ attemptedOn: date as string, dayPart: input.dayPart ?? null }, earliest);
}

function within(moment: ContactMoment, earliest: string): ContactMomentResult {
  if (moment.attemptedOn < earliest) return refuse('a contact attempt cannot lie before the case was opened');
  return { ok: true, moment };
}

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}

function refuse(message: string): ContactMomentResult {
  return { ok: false, message };
}
