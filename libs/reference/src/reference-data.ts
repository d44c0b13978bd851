import { DEFAULT_DATA_DIR, type DataDir } from './read-table.js';
import {
  loadMergers,
  loadMunicipalities,
  loadPc4Table,
  loadPopulation,
  type Municipality,
  type Pc4Municipality,
} from './tables.js';

/**
 * The reference year of the shipped tables. Municipalities merge every 1 January, so the tables are
 * versioned and need a yearly refresh; anything stored with a municipality code can record this
 * version to know which map it was routed with.
 */
export const REFERENCE_VERSION = '2025';

/**
 * All reference tables as plain data, so pure code (`@signaalhub/domain`) can take them as an
 * argument without touching the file system.
 */
export interface ReferenceData {
  readonly version: typeof REFERENCE_VERSION;
  readonly municipalities: ReadonlyMap<string, Municipality>;
  readonly pc4: ReadonlyMap<string, readonly Pc4Municipality[]>;
  readonly mergers: ReadonlyMap<string, string>;
  readonly population: ReadonlyMap<string, number>;
}

/**
 * Loads (once per process) and cross-checks all tables: every municipality code the PC4, merger and
 * population tables point to must exist in the municipality list of the same year. A refresh that
 * mixes years would otherwise route signals to a municipality that no longer exists.
 */
export function loadReferenceData(dataDir: DataDir = DEFAULT_DATA_DIR): ReferenceData {
  const data: ReferenceData = {
    version: REFERENCE_VERSION,
    municipalities: loadMunicipalities(dataDir),
    pc4: loadPc4Table(dataDir),
    mergers: loadMergers(dataDir),
    population: loadPopulation(dataDir),
  };
  const unknown = new Set<string>();
  const check = (gmCode: string, table: string): void => {
    if (!data.municipalities.has(gmCode)) unknown.add(`${table}: ${gmCode}`);
  };
  for (const entries of data.pc4.values()) for (const entry of entries) check(entry.gmCode, 'pc4');
  for (const current of data.mergers.values()) check(current, 'mergers');
  for (const gmCode of data.population.keys()) check(gmCode, 'population');
  for (const gmCode of data.municipalities.keys()) {
    if (!data.population.has(gmCode)) unknown.add(`population missing: ${gmCode}`);
  }
  if (unknown.size > 0) {
    throw new Error(`Reference data ${data.version} is inconsistent: ${[...unknown].join('; ')}`);
  }
  return data;
}
