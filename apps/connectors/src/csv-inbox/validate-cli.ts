import { readFileSync } from 'node:fs';
import { CsvFileError, evaluateRow, readCsvFile } from './csv-file.js';

/** sysexits.h: a file that is no readable CSV of a known layout is bad input data. */
export const EX_DATAERR = 65;
const EX_NOINPUT = 66;

export interface ValidateStreams {
  out: (line: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: the progress line then redraws itself in place. */
  interactive: boolean;
}

/**
 * `npm run connectors -- validate <file.csv>`: reads, maps and validates every row exactly as the
 * inbox does, sending nothing. Exit 0 when every row would be accepted, 1 when some would be
 * rejected, 65 when the file itself is unreadable.
 */
export function validateCsvFile(path: string, io: ValidateStreams): number {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    io.err(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return EX_NOINPUT;
  }
  let file;
  try {
    file = readCsvFile(bytes);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    io.out(`unreadable: ${error.message}`);
    return EX_DATAERR;
  }
  io.out(`layout ${file.layout.name}, ${file.encoding}, separator '${file.delimiter}', ${file.rows.length} rows`);
  let accepted = 0;
  let shown = -1;
  file.rows.forEach((cells, i) => {
    const result = evaluateRow(file, cells);
    if (result.ok) accepted++;
    io.out(result.ok ? `row ${i + 1}: accepted` : `row ${i + 1}: rejected: ${result.reason}`);
    const percent = Math.floor(((i + 1) * 100) / file.rows.length);
    // Every 10% into a log, every 1% on a terminal, so a large file shows it is moving.
    if (percent !== shown && (io.interactive || percent % 10 === 0)) {
      shown = percent;
      const line = progressLine(percent, i + 1, file.rows.length);
      io.err(io.interactive ? `\r${line}` : `${line}\n`);
    }
  });
  if (io.interactive && file.rows.length > 0) io.err('\n');
  const rejected = file.rows.length - accepted;
  io.out(`${file.rows.length} rows: ${accepted} accepted, ${rejected} rejected`);
  return rejected === 0 ? 0 : 1;
}

const BAR_WIDTH = 20;

/** `validating: 45% [#########-----------] 4,500/10,000 rows` */
export function progressLine(percent: number, done: number, total: number): string {
  const filled = Math.floor((percent * BAR_WIDTH) / 100);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  return `validating: ${percent}% [${bar}] ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows`;
}
