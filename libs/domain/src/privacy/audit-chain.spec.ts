import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type ChainedEntry } from './audit-chain.js';

function chain(n: number) {
  const out: Array<ChainedEntry & { previousHash: string; hash: string }> = [];
  let previous = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const entry: ChainedEntry = {
      sequence: BigInt(i),
      occurredAt: `2026-12-01T10:00:0${i % 10}.000Z`,
      actor: 'worker-1',
      actorRole: 'worker',
      municipality: 'GM0363',
      activity: 'WORK_CASE',
      action: 'CASE_VIEWED',
      subjectType: 'case',
      subjectId: `case-${i}`,
      detail: { fields: ['surname', 'street'], n: i },
    };
    const hash = chainHash(previous, entry);
    out.push({ ...entry, previousHash: previous, hash });
    previous = hash;
  }
  return out;
}

describe('the audit hash chain', () => {
  it('hashes the same entry the same way whatever the key order of its detail', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ n: 5n, skipped: undefined })).toBe('{"n":"5"}');
  });

  it('verifies an untouched chain and returns its last hash', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, lastHash: entries[4].hash });
    expect(verifyChain(entries.slice(2), entries[1].hash)).toMatchObject({ ok: true, entries: 3 });
  });

  it('names the first entry changed, with the hash left as it was', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], actor: 'someone-else' };
    expect(verifyChain(entries)).toEqual({ ok: false, entries: 5, brokenAt: 3n, reason: 'HASH_MISMATCH' });
  });

  it('names the first entry after a changed entry whose hash was recomputed', () => {
    const entries = chain(5);
    const forged = { ...entries[2], subjectId: 'case-999' };
    const { previousHash: _p, hash: _h, ...fields } = forged;
    entries[2] = { ...forged, hash: chainHash(forged.previousHash, fields) };
    expect(verifyChain(entries)).toEqual({ ok: false, entries: 5, brokenAt: 4n, reason: 'PREVIOUS_MISMATCH' });
  });

  it('names a deleted entry by the gap it leaves', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toEqual({ ok: false, entries: 4, brokenAt: 3n, reason: 'SEQUENCE_GAP' });
  });
});
