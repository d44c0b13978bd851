import type { KeyObject } from 'node:crypto';
import { publicKeyFromPem } from '@signaalhub/contracts';
import {
  DEFAULT_MUNICIPALITY_POLICY,
  SECTORS,
  type ExperimentConfig,
  type MunicipalityPolicy,
  type Sector,
} from '@signaalhub/domain';

// The registry as the ingest sees it: an immutable in-memory snapshot, so checking a message needs
// no I/O. Replaced as a whole on every refresh; a reader keeps the snapshot it holds consistent.

/** Experiment terms as stored (jsonb): amounts as decimal strings, since JSON has no 64-bit integers. */
function experimentsFromJson(raw: Record<string, unknown>): MunicipalityPolicy['experiments'] {
  const out: Partial<Record<Sector, ExperimentConfig>> = {};
  for (const [sector, value] of Object.entries(raw)) {
    if (!SECTORS.includes(sector as Sector) || typeof value !== 'object' || value === null) continue;
    const { minDays, minAmountCents } = value as { minDays?: unknown; minAmountCents?: unknown };
    out[sector as Sector] = {
      ...(typeof minDays === 'number' ? { minDays } : {}),
      ...(typeof minAmountCents === 'string' || typeof minAmountCents === 'number'
        ? { minAmountCents: BigInt(minAmountCents) }
        : {}),
    };
  }
  return Object.freeze(out);
}

export interface RegistrySnapshot {
  /**
   * The registry version this snapshot was read at (bumped by every registry change, see the
   * ingest-hardening migration). The ingest stores a batch only while the registry is still at it.
   */
  readonly version: bigint;
  /** A registered creditor, or undefined. */
  creditor(id: string): { readonly id: string; readonly sectors: readonly Sector[] } | undefined;
  /**
   * A registered key of the creditor, also when revoked: the caller refuses a message when
   * `revokedAt !== null && revokedAt <= at`, where `at` is the hub's own clock when it judges the
   * message (never a time the producer chose). The look-up itself does not depend on it.
   */
  key(
    creditorId: string,
    keyId: string,
    at: Date,
  ): { readonly publicKey: KeyObject; readonly revokedAt: Date | null } | undefined;
  /**
   * The agreement of this creditor with this municipality (current GM code, as routing returns it) for
   * this sector that is valid on `onDate` (YYYY-MM-DD, both ends inclusive), or null.
   */
  agreement(
    creditorId: string,
    municipality: string,
    sector: Sector,
    onDate: string,
  ): { readonly validFrom: string; readonly validTo: string | null } | null;
  /** The municipality's settings; {@link DEFAULT_MUNICIPALITY_POLICY} when none were set. */
  policy(municipality: string): MunicipalityPolicy;
}

/** The registry tables as one consistent read gives them. */
export interface RegistrySnapshotRows {
  version: bigint;
  creditors: Array<{ id: string; sectors: Sector[] }>;
  keys: Array<{ creditor_id: string; key_id: string; public_key_pem: string; revoked_at: Date | null }>;
  agreements: Array<{
    creditor_id: string;
    municipality: string;
    sector: Sector;
    valid_from: string;
    valid_to: string | null;
  }>;
  policies: Array<{
    municipality: string;
    minimum_amount_cents: string;
    matching_period_days: number;
    experiments: Record<string, unknown>;
  }>;
}

// Creditor ids, key ids and codes never contain a NUL, so joined look-up keys cannot collide.
const k = (...parts: string[]): string => parts.join('\u0000');

/** Builds a snapshot from registry rows; a stored key that no longer parses is left out and reported. */
export function buildRegistrySnapshot(
  rows: RegistrySnapshotRows,
  onBadKey: (message: string) => void = () => undefined,
): RegistrySnapshot {
  const creditors = new Map(
    rows.creditors.map((c) => [c.id, Object.freeze({ id: c.id, sectors: Object.freeze([...c.sectors]) })]),
  );
  const keys = new Map<string, { publicKey: KeyObject; revokedAt: Date | null }>();
  for (const row of rows.keys) {
    try {
      const publicKey = publicKeyFromPem(row.public_key_pem);
      keys.set(k(row.creditor_id, row.key_id), Object.freeze({ publicKey, revokedAt: row.revoked_at }));
    } catch (error) {
      onBadKey(`key ${row.key_id} of creditor ${row.creditor_id} is unusable: ${(error as Error).message}`);
    }
  }
  const agreements = new Map<string, Array<{ validFrom: string; validTo: string | null }>>();
  for (const row of rows.agreements) {
    const id = k(row.creditor_id, row.municipality, row.sector);
    const list = agreements.get(id) ?? [];
    list.push(Object.freeze({ validFrom: row.valid_from, validTo: row.valid_to }));
    agreements.set(id, list);
  }
  const policies = new Map<string, MunicipalityPolicy>(
    rows.policies.map((p) => [
      p.municipality,
      Object.freeze({
        minimumAmountCents: BigInt(p.minimum_amount_cents),
        matchingPeriodDays: p.matching_period_days,
        experiments: experimentsFromJson(p.experiments),
      }),
    ]),
  );
  const snapshot: RegistrySnapshot = {
    version: rows.version,
    creditor: (id) => creditors.get(id),
    key: (creditorId, keyId) => keys.get(k(creditorId, keyId)),
    // YYYY-MM-DD strings order like the dates they name. Agreements never overlap (the database
    // refuses it), so the first match is the only one.
    agreement: (creditorId, municipality, sector, onDate) =>
      agreements
        .get(k(creditorId, municipality, sector))
        ?.find((a) => a.validFrom <= onDate && (a.validTo === null || onDate <= a.validTo)) ?? null,
    policy: (municipality) => policies.get(municipality) ?? DEFAULT_MUNICIPALITY_POLICY,
  };
  return Object.freeze(snapshot);
}

/** The registry before its first read: knows no creditor, so it refuses every message. */
export const EMPTY_SNAPSHOT = buildRegistrySnapshot({
  version: -1n,
  creditors: [],
  keys: [],
  agreements: [],
  policies: [],
});
