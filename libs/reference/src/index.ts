export { parseCsv, parseCsvRecords, type CsvRecord } from './csv.js';
export { DEFAULT_DATA_DIR, type DataDir } from './read-table.js';
export {
  loadMergers,
  loadMunicipalities,
  loadPc4Table,
  loadPopulation,
  toGmCode,
  type Municipality,
  type Pc4Municipality,
} from './tables.js';
export { loadReferenceData, REFERENCE_VERSION, type ReferenceData } from './reference-data.js';
export { parsePc6Line, pc6Columns, splitPc6Line, type Pc6Address, type Pc6Columns } from './pc6.js';
export { loadDdasSchema } from './ddas-schema.js';
