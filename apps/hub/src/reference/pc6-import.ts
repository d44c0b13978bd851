import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { currentMunicipalityCode } from '@signaalhub/domain';
import { parsePc6Line, pc6Columns, type Pc6Address, type ReferenceData } from '@signaalhub/reference';
import yauzl from 'yauzl';

/** The CSV of a real edition is ~150 MB; anything far larger is not that file (or a zip bomb). */
export const MAX_PC6_CSV_BYTES = 1024 ** 3;
const BATCH = 10_000;

/** A file the import refuses; nothing of it was stored. */
export class Pc6ImportError extends Error {}

export interface Pc6ImportResult {
  /** Addresses in the table after the import. */
  readonly addresses: number;
  /** Edition year, from the `GemeenteYYYY` column. */
  readonly year: number;
  readonly csvEntry: string;
}

/**
 * Reads the CBS zip (exactly one `.csv` inside) and hands its addresses, in batches, to `store`. Every
 * line must be an address of a municipality the reference tables know (historic codes mapped to the
 * current one); the first line that is not makes the import fail with its line number, so a damaged
 * file never replaces a good table.
 */
export async function importPc6Zip(
  zipPath: string,
  reference: Pick<ReferenceData, 'municipalities' | 'mergers'>,
  store: (batches: AsyncIterable<readonly Pc6Address[]>) => Promise<number>,
): Promise<Pc6ImportResult> {
  const zip = await openZip(zipPath);
  try {
    const entry = await theCsvEntry(zip);
    if (entry.uncompressedSize > MAX_PC6_CSV_BYTES) {
      throw new Pc6ImportError(`${entry.fileName} is larger than ${MAX_PC6_CSV_BYTES} bytes`);
    }
    const stream = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
    let year = 0;
    const addresses = await store(batchesOf(stream, reference, (y) => (year = y)));
    return { addresses, year, csvEntry: entry.fileName };
  } finally {
    zip.close();
  }
}

async function* batchesOf(
  stream: Readable,
  reference: Pick<ReferenceData, 'municipalities' | 'mergers'>,
  onYear: (year: number) => void,
): AsyncGenerator<Pc6Address[]> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let columns: ReturnType<typeof pc6Columns> | null = null;
  let lineNumber = 0;
  let batch: Pc6Address[] = [];
  for await (const line of lines) {
    lineNumber += 1;
    if (columns === null) {
      columns = pc6Columns(line);
      if ('problem' in columns) throw new Pc6ImportError(`line 1: ${columns.problem}`);
      onYear(columns.year);
      continue;
    }
    if (line.trim() === '') continue;
    const parsed = parsePc6Line(line, columns);
    if ('problem' in parsed) throw new Pc6ImportError(`line ${lineNumber}: ${parsed.problem}`);
    const current = currentMunicipalityCode(parsed.municipality, reference.mergers);
    if (current === null || !reference.municipalities.has(current)) {
      throw new Pc6ImportError(
        `line ${lineNumber}: ${parsed.municipality} is not a municipality of the reference tables`,
      );
    }
    batch.push({ ...parsed, municipality: current });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (columns === null) throw new Pc6ImportError('the CSV is empty');
  if (batch.length > 0) yield batch;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(new Pc6ImportError(`not a readable zip: ${error.message}`)) : resolve(zip),
    ),
  );
}

/** The one CSV in the zip; a zip with none or several is not the CBS file. */
function theCsvEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry> {
  return new Promise((resolve, reject) => {
    const csv: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (/\.csv$/i.test(entry.fileName) && !entry.fileName.endsWith('/')) csv.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => {
      if (csv.length === 1) resolve(csv[0]);
      else reject(new Pc6ImportError(`the zip holds ${csv.length} CSV files; expected exactly one`));
    });
    zip.on('error', (error: Error) => reject(new Pc6ImportError(`not a readable zip: ${error.message}`)));
    zip.readEntry();
  });
}
