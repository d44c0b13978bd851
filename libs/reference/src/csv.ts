// A small RFC 4180 reader for the reference tables. The tables are a few hundred kilobytes and read
// once per process, so a dependency-free, synchronous parser is enough. It handles what the shipped
// files actually contain: a header row, CRLF or LF line ends (both occur), an optional UTF-8 BOM, a
// missing final newline, and quoted fields with commas ("Nuenen, Gerwen en Nederwetten") or doubled
// quotes.

export type CsvRecord = Readonly<Record<string, string>>;

/** Splits CSV text into rows of raw field values. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRow = (): void => {
    row.push(field);
    field = '';
    // A blank line parses as one empty field; it carries no data.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };

  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += char;
    }
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Parses CSV text with a header row into records keyed by column name. Fails loudly when a column the
 * caller needs is missing or a row has the wrong number of fields, so a yearly table refresh that
 * changes the format breaks at start-up instead of routing signals wrongly.
 */
export function parseCsvRecords(text: string, requiredColumns: readonly string[], source = 'CSV'): CsvRecord[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${source}: no header row`);
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`${source}: missing column(s) ${missing.join(', ')}`);
  return rows.map((values, index) => {
    if (values.length !== header.length) {
      throw new Error(`${source}: row ${index + 2} has ${values.length} fields, expected ${header.length}`);
    }
    return Object.fromEntries(header.map((column, c) => [column, values[c] ?? '']));
  });
}
