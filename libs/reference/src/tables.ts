import type { CsvRecord } from './csv.js';
import { cachedTable, DEFAULT_DATA_DIR, type DataDir } from './read-table.js';

/** A municipality (gemeente) as it exists in the reference year. */
export interface Municipality {
  /** CBS code with the `GM` prefix, e.g. `GM0363`: the form used everywhere in the hub. */
  readonly gmCode: string;
  /** Bare four-digit CBS code, e.g. `0363`, as in RvIG and some creditor files. */
  readonly cbsCode: string;
  readonly name: string;
  readonly province: string;
}

/** One municipality a four-digit postcode area (PC4) lies in, with the places (woonplaatsen) in it. */
export interface Pc4Municipality {
  readonly gmCode: string;
  readonly places: readonly string[];
}

const GM_CODE = /^GM\d{4}$/;
const CBS_CODE = /^\d{4}$/;

/** `0001` or `GM0001` (any case) → `GM0001`; anything else → null. */
export function toGmCode(code: string): string | null {
  const trimmed = code.trim().toUpperCase();
  if (CBS_CODE.test(trimmed)) return `GM${trimmed}`;
  if (GM_CODE.test(trimmed)) return trimmed;
  return null;
}

function gmCodeOf(value: string | undefined, source: string, column: string): string {
  const gmCode = toGmCode(value ?? '');
  if (gmCode === null) throw new Error(`${source}: ${column} '${value}' is not a municipality code`);
  return gmCode;
}

function field(record: CsvRecord, column: string): string {
  return (record[column] ?? '').trim();
}

/** Every municipality of the reference year, keyed by GM code (CBS "Gemeenten alfabetisch 2025"). */
export function loadMunicipalities(dataDir: DataDir = DEFAULT_DATA_DIR): ReadonlyMap<string, Municipality> {
  return cachedTable(
    dataDir,
    'gemeenten-2025.csv',
    ['Gemeentecode', 'GemeentecodeGM', 'Gemeentenaam', 'Provincienaam'],
    (records, source) => {
      const municipalities = new Map<string, Municipality>();
      for (const record of records) {
        const gmCode = gmCodeOf(field(record, 'GemeentecodeGM'), source, 'GemeentecodeGM');
        const cbsCode = field(record, 'Gemeentecode');
        if (`GM${cbsCode}` !== gmCode) {
          throw new Error(`${source}: Gemeentecode ${cbsCode} does not match ${gmCode}`);
        }
        municipalities.set(gmCode, {
          gmCode,
          cbsCode,
          name: field(record, 'Gemeentenaam'),
          province: field(record, 'Provincienaam'),
        });
      }
      return municipalities;
    },
  );
}

/**
 * PC4 → the municipalities it lies in. Most PC4 areas have one; some straddle a border and need the
 * place name to decide (see the domain's `routeToMunicipality`).
 */
export function loadPc4Table(dataDir: DataDir = DEFAULT_DATA_DIR): ReadonlyMap<string, readonly Pc4Municipality[]> {
  return cachedTable(dataDir, 'pc4-gemeente.csv', ['pc4', 'gm_code', 'plaatsen'], (records, source) => {
    const pc4 = new Map<string, Pc4Municipality[]>();
    for (const record of records) {
      const code = field(record, 'pc4');
      if (!/^\d{4}$/.test(code)) throw new Error(`${source}: '${code}' is not a PC4`);
      const entry: Pc4Municipality = {
        gmCode: gmCodeOf(field(record, 'gm_code'), source, 'gm_code'),
        // `plaatsen` is a `|`-separated list of woonplaatsen in this PC4 and municipality.
        places: field(record, 'plaatsen')
          .split('|')
          .map((place) => place.trim())
          .filter((place) => place !== ''),
      };
      const entries = pc4.get(code);
      if (entries) entries.push(entry);
      else pc4.set(code, [entry]);
    }
    return pc4;
  });
}

/**
 * Historical municipality code → its code in the reference year, chains already followed
 * (0001 Adorp → 0053 Winsum → GM1966 Het Hogeland). Keys are present in both the bare (`0001`) and
 * the GM form (`GM0001`), because old signals, agreements and tokens use either. Current codes are
 * not keys: look-ups fall back to the code itself.
 */
export function loadMergers(dataDir: DataDir = DEFAULT_DATA_DIR): ReadonlyMap<string, string> {
  return cachedTable(
    dataDir,
    'gemeente-herindelingen.csv',
    ['oude_code', 'huidige_code_2025', 'huidige_gm_code'],
    (records, source) => {
      const mergers = new Map<string, string>();
      for (const record of records) {
        const oldGmCode = gmCodeOf(field(record, 'oude_code'), source, 'oude_code');
        const current = gmCodeOf(field(record, 'huidige_gm_code'), source, 'huidige_gm_code');
        if (gmCodeOf(field(record, 'huidige_code_2025'), source, 'huidige_code_2025') !== current) {
          throw new Error(`${source}: huidige_code_2025 and huidige_gm_code disagree for ${oldGmCode}`);
        }
        mergers.set(oldGmCode, current);
        mergers.set(oldGmCode.slice(2), current);
      }
      return mergers;
    },
  );
}

/** Inhabitants on 1 January of the reference year per GM code (CBS StatLine 70072ned). */
export function loadPopulation(dataDir: DataDir = DEFAULT_DATA_DIR): ReadonlyMap<string, number> {
  return cachedTable(dataDir, 'bevolking-gemeente-2025.csv', ['gm_code', 'inwoners'], (records, source) => {
    const population = new Map<string, number>();
    for (const record of records) {
      const gmCode = gmCodeOf(field(record, 'gm_code'), source, 'gm_code');
      const inhabitants = Number(field(record, 'inwoners'));
      if (!Number.isSafeInteger(inhabitants) || inhabitants < 0) {
        throw new Error(`${source}: inwoners for ${gmCode} is not a whole number`);
      }
      population.set(gmCode, inhabitants);
    }
    return population;
  });
}
