// Normalisation of Dutch address parts, following the BAG (Basisregistratie Adressen en Gebouwen)
// split of a house number into huisnummer, huisletter and huisnummertoevoeging. Creditors type these
// by hand in many ways; the hub must route and bundle on one canonical form.
//
// Conventions: a normaliser returns the canonical value, or `null` when the input cannot be that
// part. Optional parts (letter, addition) return '' when absent, because protobuf strings use '' for
// "not given".

// PostNL does not issue the letter pairs SA, SD and SS (their connotations from the German
// occupation), so a postcode with them is a typing error, not an address.
const UNISSUED_POSTCODE_LETTERS: ReadonlySet<string> = new Set(['SA', 'SD', 'SS']);

/**
 * `' 1234 ab '` → `'1234AB'`. Four digits not starting with 0 (Dutch postcodes run 1000–9999), then
 * two letters; whitespace anywhere and lower case are accepted, anything else is not.
 */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const match = /^([1-9]\d{3})([A-Z]{2})$/.exec(compact);
  if (!match) return null;
  if (UNISSUED_POSTCODE_LETTERS.has(match[2]!)) return null;
  return compact;
}

/** The four-digit area (PC4) of a normalised postcode, the key for routing to a municipality. */
export function pc4Of(postcode: string): string {
  return postcode.slice(0, 4);
}

// BAG huisnummer is a whole number from 1 to 99999.
const MAX_HOUSE_NUMBER = 99_999;

/**
 * A positive whole number up to 99999, or null. Digit strings (`' 12 '`) are accepted for CSV input;
 * `'12a'` is not: the letter belongs in the house letter, and guessing the split here would make
 * two spellings of one address look like two households.
 */
export function normaliseHouseNumber(raw: number | string | null | undefined): number | null {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^\s*\d{1,5}\s*$/.test(raw)) value = Number(raw);
  else return null;
  return Number.isInteger(value) && value >= 1 && value <= MAX_HOUSE_NUMBER ? value : null;
}

/** BAG huisletter: one letter A–Z, stored upper case. '' when absent; null when not one letter. */
export function normaliseHouseLetter(raw: string | null | undefined): string | null {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return '';
  return /^[a-z]$/i.test(trimmed) ? trimmed.toUpperCase() : null;
}

/**
 * Huisnummertoevoeging in canonical form: letters and digits only, upper case, diacritics removed.
 * Spaces, dashes, dots, slashes and other punctuation between (or around) tokens are dropped, so
 * `'2-hoog'`, `'2 HOOG'` and `'2.hoog'` all become `'2HOOG'`, `' bis '` becomes `'BIS'` and `'-3'`
 * becomes `'3'`. In the BAG the toevoeging itself is alphanumeric, so punctuation never distinguishes
 * two real addresses. This function never fails: '' means no addition.
 *
 * Deliberately *not* done:
 * - Expanding abbreviations (`'2hg'` stays `'2HG'`, not `'2HOOG'`): a dictionary guesses, and a wrong
 *   guess merges two households, which would show one family's debts to another's case. A missed
 *   match only leaves two cases a worker can join.
 * - Moving a single letter from the addition into the house letter when the letter is empty. The BAG
 *   allows both 12A (huisletter) and 12-A (toevoeging) as different addresses, so the move is not
 *   safe in general; the two stay separate.
 */
export function normaliseAddition(raw: string | null | undefined): string {
  return (raw ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
