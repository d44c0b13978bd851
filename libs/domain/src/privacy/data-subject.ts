// The data subject of AVG articles 15–21 as an officer names them: surname, date of birth and address.
// Matching and pseudonymising work on one canonical form, so "Van der Berg " and "van der berg" at
// "1234 ab" name the same person and yield the same pseudonym.

import { createHmac } from 'node:crypto';
import { normaliseHouseNumber, normalisePostcode } from '../address.js';
import { FIELD_MAX_LENGTH, isCalendarDate } from '../validation.js';

/** How an officer names a data subject. */
export interface DataSubjectInput {
  readonly surname: string;
  readonly birthDate: string;
  readonly postcode: string;
  readonly houseNumber: number;
}

/** A data subject in canonical form: the match keys of the signal table. */
export interface DataSubject {
  /** Folded for matching (see `matchSurname`); never shown. */
  readonly surnameKey: string;
  readonly birthDate: string;
  readonly postcode: string;
  readonly houseNumber: number;
}

export type DataSubjectResult = { ok: true; value: DataSubject } | { ok: false; field: keyof DataSubjectInput };

/**
 * The surname folded for matching: diacritics removed, lower case, whitespace folded. Creditors type
 * "Öztürk" and "Ozturk" for one person; an officer must find both.
 */
export function matchSurname(surname: string): string {
  return surname.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** Validates and normalises a data subject with the ingest's field rules; names the first bad field. */
export function normaliseDataSubject(input: DataSubjectInput): DataSubjectResult {
  const surname = typeof input.surname === 'string' ? input.surname : '';
  if (surname.length > FIELD_MAX_LENGTH.surname * 4) return { ok: false, field: 'surname' };
  const surnameKey = matchSurname(surname);
  if (surnameKey === '' || surnameKey.length > FIELD_MAX_LENGTH.surname) return { ok: false, field: 'surname' };
  const birthDate = typeof input.birthDate === 'string' ? input.birthDate.trim() : '';
  if (!isCalendarDate(birthDate)) return { ok: false, field: 'birthDate' };
  const postcode = typeof input.postcode === 'string' ? normalisePostcode(input.postcode) : null;
  if (postcode === null) return { ok: false, field: 'postcode' };
  const houseNumber = normaliseHouseNumber(input.houseNumber);
  if (houseNumber === null) return { ok: false, field: 'houseNumber' };
  return { ok: true, value: { surnameKey, birthDate, postcode, houseNumber } };
}

/**
 * A keyed pseudonym of a data subject (HMAC-SHA-256, hex): equal for equal canonical forms, and
 * without the deployment's key it cannot be tested against a guessed name and address.
 */
export function dataSubjectPseudonym(subject: DataSubject, key: Buffer): string {
  const canonical = [subject.surnameKey, subject.birthDate, subject.postcode, String(subject.houseNumber)].join(
    '\u001f',
  );
  return createHmac('sha256', key).update(canonical, 'utf8').digest('hex');
}

/** The personal fields of a signal an officer may correct (art. 16); the address keys route and bundle, so they are not among them. */
export const RECTIFIABLE_FIELDS = [
  'initials',
  'firstNames',
  'surnamePrefix',
  'surname',
  'birthDate',
  'phone',
  'email',
  'street',
  'place',
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];
export type Rectification = Partial<Record<RectifiableField, string>>;

export type RectificationResult =
  | { ok: true; value: Partial<Record<RectifiableField, string | null>> }
  | { ok: false; field: RectifiableField | 'changes' };

/**
 * Corrections checked with the ingest's field rules (the same length bounds, whitespace folded, real
 * calendar dates), so a corrected signal is one the ingest would have accepted. '' clears an optional
 * field; the surname is required.
 */
export function validateRectification(changes: Rectification): RectificationResult {
  const value: Partial<Record<RectifiableField, string | null>> = {};
  for (const field of RECTIFIABLE_FIELDS) {
    const raw = changes[field];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' || raw.length > FIELD_MAX_LENGTH[field] * 4) return { ok: false, field };
    const folded = raw.trim().replace(/\s+/g, ' ');
    if (folded.length > FIELD_MAX_LENGTH[field]) return { ok: false, field };
    if (folded === '') {
      if (field === 'surname') return { ok: false, field };
      value[field] = null;
      continue;
    }
    if (field === 'birthDate' && !isCalendarDate(folded)) return { ok: false, field };
    value[field] = folded;
  }
  return Object.keys(value).length === 0 ? { ok: false, field: 'changes' } : { ok: true, value };
}
