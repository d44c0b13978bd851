import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import type { SignalInit } from '@signaalhub/contracts';
import { validateSignal, type SignalInput } from '@signaalhub/domain';
import { detectLayout, mapRow, type CsvLayout } from './csv-layouts.js';

/** A file that cannot be read as one of the layouts at all; it goes to `failed/` with this message. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
}

export interface CsvFile {
  readonly layout: CsvLayout;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: ';' | ',';
  readonly header: readonly string[];
  /** The data rows, header excluded; row n of a report is `rows[n - 1]`. */
  readonly rows: readonly (readonly string[])[];
}

/** One row's verdict at the edge: what would be signed and sent, or why not (never a cell value). */
export type RowResult = { ok: true; signal: SignalInit } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel and most Dutch ERP systems
 * write). Valid UTF-8 is almost never meaningful 1252 text with accents, so the order is safe.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvFile['encoding'] } {
  if (bytes.includes(0)) throw new CsvFileError('not a text file (it contains NUL bytes)');
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

/** `;` or `,`, whichever the header line has more of (headers hold neither inside a name). */
export function detectDelimiter(text: string): CsvFile['delimiter'] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') >= count(',') ? ';' : ',';
}

export function readCsvFile(bytes: Uint8Array): CsvFile {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    // csv-parse's messages name the line and the kind of problem (an unclosed quote), not the data.
    throw new CsvFileError(`not a readable CSV file: ${(error as Error).message.split('\n')[0]}`);
  }
  if (records.length === 0) throw new CsvFileError('the file is empty');
  const [header, ...rows] = records;
  const detected = detectLayout(header);
  if ('problem' in detected) throw new CsvFileError(detected.problem);
  return { layout: detected.layout, encoding, delimiter, header: header.map((h) => h.trim()), rows };
}

/** Maps a row to a Signal and validates it with the hub's own rules, so the edge refuses what the hub would. */
export function evaluateRow(file: CsvFile, cells: readonly string[]): RowResult {
  const mapped = mapRow(file.layout, file.header, cells);
  if (!mapped.ok) return { ok: false, reason: `MALFORMED: ${mapped.problems.join('; ')}` };
  // No layout sets sentAt (a send time would change the signed bytes of a re-sent row), so the
  // init shape's looser timestamp type never occurs here.
  const checked = validateSignal(mapped.signal as SignalInput);
  if (checked.ok) return { ok: true, signal: mapped.signal };
  return { ok: false, reason: `${checked.reason}: ${withHeader(file.layout, checked.detail)}` };
}

// The domain names the Signal field; a creditor knows its own column, so both are given.
function withHeader(layout: CsvLayout, detail: string): string {
  const field = detail.slice(0, detail.indexOf(':'));
  const column = layout.columns.find((c) => c.field === field);
  return column && column.header !== field ? `${field} (${column.header})${detail.slice(field.length)}` : detail;
}
