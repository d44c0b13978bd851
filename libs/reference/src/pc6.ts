// The CBS file "buurt, wijk en gemeente voor postcode-huisnummer" (yearly; a CSV inside a zip): one
// line per address, semicolon-separated, e.g. `PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025`. The
// year in the column names changes every edition, so columns are found by their stem. Six million
// lines: the hub streams them line by line through these functions.

import { toGmCode } from './tables.js';

/** One address of the file. */
export interface Pc6Address {
  /** `1234AB` */
  readonly postcode: string;
  readonly houseNumber: number;
  /** The municipality code as the file gives it, in GM form (not yet mapped through mergers). */
  readonly municipality: string;
}

/** Where the three columns the hub needs are in a line. */
export interface Pc6Columns {
  readonly postcode: number;
  readonly houseNumber: number;
  readonly municipality: number;
  /** The year of the edition, from the `GemeenteYYYY` column name. */
  readonly year: number;
}

const POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;

/** Splits one line on `;`, removing the quotes CBS editions sometimes put around values. */
export function splitPc6Line(line: string): string[] {
  return line
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(';')
    .map((field) =>
      field
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
}

/** The columns of the header line, or a message naming what is missing. */
export function pc6Columns(header: string): Pc6Columns | { problem: string } {
  const names = splitPc6Line(header).map((name) => name.toLowerCase());
  const postcode = names.indexOf('pc6');
  const houseNumber = names.indexOf('huisnummer');
  const municipality = names.findIndex((name) => /^gemeente\d{4}$/.test(name));
  const missing = [
    postcode < 0 ? 'PC6' : null,
    houseNumber < 0 ? 'Huisnummer' : null,
    municipality < 0 ? 'GemeenteYYYY' : null,
  ].filter((name) => name !== null);
  if (missing.length > 0) return { problem: `the header lacks the column(s) ${missing.join(', ')}` };
  return { postcode, houseNumber, municipality, year: Number(names[municipality].slice('gemeente'.length)) };
}

/**
 * One data line as an address, or a message saying why it is not one. The municipality code comes as
 * CBS writes it (`363`, `0363` or `GM0363`) and leaves in GM form.
 */
export function parsePc6Line(line: string, columns: Pc6Columns): Pc6Address | { problem: string } {
  const fields = splitPc6Line(line);
  const postcode = (fields[columns.postcode] ?? '').replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(postcode)) return { problem: 'PC6 is not a postcode' };
  const rawNumber = fields[columns.houseNumber] ?? '';
  const houseNumber = /^\d{1,5}$/.test(rawNumber) ? Number(rawNumber) : NaN;
  if (!(houseNumber >= 1 && houseNumber <= 99_999)) return { problem: 'Huisnummer is not a house number' };
  const rawCode = (fields[columns.municipality] ?? '').toUpperCase();
  const municipality = toGmCode(/^\d{1,4}$/.test(rawCode) ? rawCode.padStart(4, '0') : rawCode);
  if (municipality === null) return { problem: 'the Gemeente column is not a municipality code' };
  return { postcode, houseNumber, municipality };
}
