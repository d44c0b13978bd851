export {
  buildDdasPages,
  DDAS_MAX_SIGNALS_PER_PAGE,
  wholeEuros,
  type DdasCaseRecord,
  type DdasDelivery,
  type DdasPage,
  type DdasSignalRecord,
} from './ddas-export.js';
