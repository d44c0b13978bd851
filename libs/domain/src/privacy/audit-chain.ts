// A tamper-evident audit trail: each entry of a municipality commits to the hash of the entry before
// it, so changing or deleting any entry breaks every link after it, and recomputing the chain names
// the first broken one. Pure: hashing only, the storage is the hub's.

import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers; ids only, never the personal data itself. */
export interface ChainedEntry {
  readonly sequence: bigint;
  readonly occurredAt: string;
  readonly actor: string;
  readonly actorRole: string;
  readonly municipality: string | null;
  readonly activity: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly detail: unknown;
}

/** The hash before a municipality's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted at every depth, so the same entry always hashes the same,
 * however its detail object was built.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the previous hash and the canonical entry. */
export function chainHash(previousHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly entries: number;
      /** The first entry whose stored hash is not what the chain says, or whose predecessor is missing. */
      readonly brokenAt: bigint;
      readonly reason: 'HASH_MISMATCH' | 'PREVIOUS_MISMATCH' | 'SEQUENCE_GAP';
    };

/**
 * Recomputes a run of one municipality's chain, oldest first. `startHash` is the stored hash of the
 * entry before the run (GENESIS_HASH from the beginning).
 */
export function verifyChain(
  entries: ReadonlyArray<ChainedEntry & { readonly previousHash: string; readonly hash: string }>,
  startHash: string = GENESIS_HASH,
): ChainVerdict {
  let previous = startHash;
  let expectedSequence: bigint | null = null;
  for (const entry of entries) {
    if (expectedSequence !== null && entry.sequence !== expectedSequence) {
      return { ok: false, entries: entries.length, brokenAt: entry.sequence, reason: 'SEQUENCE_GAP' };
    }
    if (entry.previousHash !== previous) {
      return { ok: false, entries: entries.length, brokenAt: entry.sequence, reason: 'PREVIOUS_MISMATCH' };
    }
    const { previousHash: _p, hash, ...fields } = entry;
    if (chainHash(previous, fields) !== hash) {
      return { ok: false, entries: entries.length, brokenAt: entry.sequence, reason: 'HASH_MISMATCH' };
    }
    previous = hash;
    expectedSequence = entry.sequence + 1n;
  }
  return { ok: true, entries: entries.length, lastHash: previous };
}
