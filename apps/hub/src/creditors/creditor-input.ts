import { publicKeyFromPem, publicKeyToPem, SigningKeyError } from '@signaalhub/contracts';
import { currentMunicipalityCode, isCalendarDate, SECTORS } from '@signaalhub/domain';
import type { ReferenceData } from '@signaalhub/reference';
import { HubException } from '../errors/hub-exception.js';
import type { StoredExperiments } from './creditor.repository.js';

// The operator's input to the registry, checked before anything is written. Every refusal is
// BAD_USER_INPUT with what is wrong, never the value.

const CREDITOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const KVK_NUMBER = /^\d{8}$/;

export function checkCreditor(input: { id: string; name: string; kvkNumber: string; sectors: readonly string[] }) {
  if (!CREDITOR_ID.test(input.id)) {
    throw new HubException('BAD_USER_INPUT', 'A creditor id is 2–63 lower-case letters, digits and hyphens');
  }
  const name = input.name.trim();
  if (name === '') throw new HubException('BAD_USER_INPUT', 'A creditor needs a name');
  if (!KVK_NUMBER.test(input.kvkNumber)) throw new HubException('BAD_USER_INPUT', 'A KvK number is 8 digits');
  if (input.sectors.length === 0) throw new HubException('BAD_USER_INPUT', 'A creditor needs at least one sector');
  const unknown = input.sectors.filter((s) => !(SECTORS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new HubException('BAD_USER_INPUT', `Unknown sector ${unknown.join(', ')}`);
  return { id: input.id, name, kvkNumber: input.kvkNumber, sectors: [...new Set(input.sectors)] };
}

/** Key ids well-formed and distinct; every PEM one Ed25519 public key, stored in canonical form. */
export function checkKeys(keys: ReadonlyArray<{ keyId: string; publicKeyPem: string }>) {
  const seen = new Set<string>();
  return keys.map(({ keyId, publicKeyPem }) => {
    if (!KEY_ID.test(keyId)) {
      throw new HubException('BAD_USER_INPUT', 'A key id is 1–128 letters, digits and . _ : - (starting alphanumeric)');
    }
    if (seen.has(keyId)) throw new HubException('BAD_USER_INPUT', `Key id ${keyId} appears twice`);
    seen.add(keyId);
    try {
      return { keyId, publicKeyPem: publicKeyToPem(publicKeyFromPem(publicKeyPem)) };
    } catch (error) {
      if (error instanceof SigningKeyError) throw new HubException('BAD_USER_INPUT', `Key ${keyId}: ${error.message}`);
      throw error;
    }
  });
}

/** Any municipality code, historic or current, as today's GM code; BAD_USER_INPUT when unknown. */
export function checkMunicipality(code: string, reference: Pick<ReferenceData, 'mergers' | 'municipalities'>): string {
  const current = currentMunicipalityCode(code, reference.mergers);
  if (current === null || !reference.municipalities.has(current)) {
    throw new HubException('BAD_USER_INPUT', `Unknown municipality code ${code}`);
  }
  return current;
}

/** An agreement's days: real dates, the end not before the start. */
export function checkAgreementDays(validFrom: string, validTo: string | null): void {
  for (const date of [validFrom, validTo]) {
    if (date !== null && !isCalendarDate(date)) throw new HubException('BAD_USER_INPUT', `${date} is not a date`);
  }
  if (validTo !== null && validTo < validFrom) {
    throw new HubException('BAD_USER_INPUT', 'validTo lies before validFrom');
  }
}

/** A municipality's minimum amount, matching period and experiments; experiments in their stored form. */
export function checkPolicy(input: {
  minimumAmountCents: number;
  matchingPeriodDays: number;
  experiments?: Array<{ sector: string; minDays?: number; minAmountCents?: number }>;
}): StoredExperiments {
  if (!Number.isSafeInteger(input.minimumAmountCents) || input.minimumAmountCents < 0) {
    throw new HubException('BAD_USER_INPUT', 'minimumAmountCents must be a whole number of cents, 0 or more');
  }
  if (!Number.isInteger(input.matchingPeriodDays) || input.matchingPeriodDays < 1) {
    throw new HubException('BAD_USER_INPUT', 'matchingPeriodDays must be 1 or more');
  }
  const experiments = input.experiments ?? [];
  if (new Set(experiments.map((e) => e.sector)).size !== experiments.length) {
    throw new HubException('BAD_USER_INPUT', 'each experiment sector at most once');
  }
  // Stored as jsonb with amounts as strings: JSON has no 64-bit integers (see the registry snapshot).
  return Object.fromEntries(
    experiments.map((e) => [
      e.sector,
      {
        ...(e.minDays !== undefined && e.minDays !== null ? { minDays: e.minDays } : {}),
        ...(e.minAmountCents !== undefined && e.minAmountCents !== null
          ? { minAmountCents: String(e.minAmountCents) }
          : {}),
      },
    ]),
  );
}

// Creditor ids are not uuids, so the shared keyset cursor does not fit; this one is as opaque.
export function creditorCursor(id: string): string {
  return Buffer.from(JSON.stringify(['creditor', id])).toString('base64url');
}

export function creditorIdFromCursor(cursor: string): string {
  try {
    const [kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (kind === 'creditor' && typeof id === 'string' && CREDITOR_ID.test(id)) return id;
  } catch {
    // fall through to the coded error
  }
  throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
}
