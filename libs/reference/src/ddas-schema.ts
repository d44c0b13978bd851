import { readFileSync } from 'node:fs';
import { DEFAULT_DATA_DIR } from './read-table.js';

/** The vendored DDAS Vroegsignalering v1.2 JSON Schema (draft 2020-12) every export must satisfy. */
export function loadDdasSchema(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL('ddas-vroegsignalering-v1.2.schema.json', DEFAULT_DATA_DIR), 'utf8'),
  ) as Record<string, unknown>;
}
