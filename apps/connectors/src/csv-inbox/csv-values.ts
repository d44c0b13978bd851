// Cell values as creditors' systems export them: Dutch and ISO dates, Dutch and ISO amounts, Dutch
// and English yes/no. A cell that does not parse is a row problem named by its column, never by its
// value (reports and logs must not carry personal data).

export type Cell<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const problem = <T>(column: string, what: string): Cell<T> => ({ ok: false, problem: `${column}: ${what}` });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/**
 * `31-12-2026` or `2026-12-31` → `2026-12-31`; empty → ''. Whether the day exists is left to the
 * domain's validation, so the edge refuses exactly what the hub would.
 */
export function parseDate(raw: string, column: string): Cell<string> {
  const value = raw.trim();
  if (value === '' || ISO_DATE.test(value)) return ok(value);
  const dutch = DUTCH_DATE.exec(value);
  if (!dutch) return problem(column, 'not a date (31-12-2026 or 2026-12-31)');
  return ok(`${dutch[3]}-${dutch[2].padStart(2, '0')}-${dutch[1].padStart(2, '0')}`);
}

// Dutch: `1.234,56`, `1234,5`, `-12,00`. Thousands dots only in groups of three.
const DUTCH_AMOUNT = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})$|^(-?)(\d{1,3}(?:\.\d{3})+|\d+)$/;
// ISO: `1234.56`, `1234`. A dot followed by three digits is refused below as ambiguous.
const ISO_AMOUNT = /^(-?)(\d+)\.(\d{1,2})$/;

/**
 * Euros as written in a CSV → whole cents. `1.234` is read as one thousand two hundred thirty-four
 * (Dutch thousands), never as 1.234 euros: a value with three decimals cannot be a euro amount, and
 * guessing would send a debt a thousand times too small or too large.
 */
export function parseAmount(raw: string, column: string): Cell<bigint> {
  const value = raw.trim().replace(/^€\s*/, '');
  if (value === '') return problem(column, 'missing');
  const iso = ISO_AMOUNT.exec(value);
  if (iso) return ok(cents(iso[1], iso[2], iso[3]));
  const dutch = DUTCH_AMOUNT.exec(value);
  if (!dutch) return problem(column, 'not an amount in euros (1.234,56 or 1234.56)');
  return dutch[2] !== undefined
    ? ok(cents(dutch[1], dutch[2].replaceAll('.', ''), dutch[3]))
    : ok(cents(dutch[4], dutch[5].replaceAll('.', ''), ''));
}

function cents(sign: string, euros: string, fraction: string): bigint {
  // Digits only, so BigInt cannot throw; a huge value is the domain's AMOUNT_OUT_OF_RANGE to report.
  const total = BigInt(euros) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  return sign === '-' ? -total : total;
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x']);
const FALSE = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0', '']);

/** Yes/no in Dutch or English; an empty cell is no (as an unset protobuf boolean). */
export function parseFlag(raw: string, column: string): Cell<boolean> {
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return ok(true);
  if (FALSE.has(value)) return ok(false);
  return problem(column, 'not yes or no (ja/nee)');
}

/** A house number: digits only; 0 or empty is missing, as in the contract. */
export function parseWholeNumber(raw: string, column: string): Cell<number> {
  const value = raw.trim();
  if (value === '') return ok(0);
  return /^\d{1,9}$/.test(value) ? ok(Number(value)) : problem(column, 'not a whole number');
}
