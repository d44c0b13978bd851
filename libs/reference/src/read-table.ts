import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords, type CsvRecord } from './csv.js';

/**
 * The tables ship inside this lib (`libs/reference/data`), copied from the project's shared reference
 * folder with their attribution: the product never reads files outside its own tree at run time.
 */
export const DEFAULT_DATA_DIR: URL = new URL('../data/', import.meta.url);

/** Where to read the tables from; a test or a future yearly refresh can point elsewhere. */
export type DataDir = URL | string;

// Parsed tables are immutable and small, so each is read once per process and per directory.
const cache = new Map<string, unknown>();

function filePath(dataDir: DataDir, file: string): string {
  const dir = typeof dataDir === 'string' ? dataDir : fileURLToPath(dataDir);
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

/** Reads one CSV table and builds its in-memory form once; later calls return the same object. */
export function cachedTable<T>(
  dataDir: DataDir,
  file: string,
  requiredColumns: readonly string[],
  build: (records: CsvRecord[], source: string) => T,
): T {
  const path = filePath(dataDir, file);
  if (cache.has(path)) return cache.get(path) as T;
  const records = parseCsvRecords(readFileSync(path, 'utf8'), requiredColumns, file);
  const table = build(records, file);
  cache.set(path, table);
  return table;
}
