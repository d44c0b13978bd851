import { loadDdasSchema } from '@signaalhub/reference';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

let validator: ValidateFunction | null = null;

/** Compiled once per process: the vendored DDAS v1.2 schema, in draft 2020-12 mode with its formats. */
function ddasValidator(): ValidateFunction {
  if (validator === null) {
    // strictTypes/strictRequired off: upstream's schema declares types and properties of its oneOf
    // branches on the parent object, which is valid JSON Schema that only Ajv's strict mode frowns on.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    formats.default(ajv);
    validator = ajv.compile(loadDdasSchema());
  }
  return validator;
}

/**
 * The schema violations of a DDAS document, as `path: message` (paths and keywords only: the values,
 * which hold personal data, never appear); empty when the document is valid.
 */
export function ddasViolations(document: unknown): string[] {
  const validate = ddasValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.keyword} ${e.message ?? ''}`.trim());
}
