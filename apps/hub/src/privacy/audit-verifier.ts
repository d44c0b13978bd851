import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, verifyChain } from '@signaalhub/domain';
import { AuditRepository, type StoredEntry } from '../audit/audit.repository.js';

export interface ChainReport {
  ok: boolean;
  entries: number;
  firstBrokenSequence: bigint | null;
  firstBrokenEntryId: string | null;
  reason: 'HASH_MISMATCH' | 'PREVIOUS_MISMATCH' | 'MISSING' | 'HEAD_MISMATCH' | null;
}

/** Entries read per query while verifying: memory stays flat however long the chain. */
const BATCH = 2000;

const OK = (entries: number): ChainReport => ({
  ok: true,
  entries,
  firstBrokenSequence: null,
  firstBrokenEntryId: null,
  reason: null,
});

/**
 * Recomputes one chain over a period and names its first broken link. The run starts at the stored
 * hash of the entry before the period (so a changed first entry shows too); a deleted entry shows as a
 * missing sequence; without an end, the run goes up to the chain head the writers keep, so deleting the
 * newest entries shows as well.
 */
@Injectable()
export class AuditVerifier {
  constructor(private readonly audit: AuditRepository) {}

  async verify(chain: string, from: Date | null, to: Date | null): Promise<ChainReport> {
    // The head first: every entry up to it had committed when it was read.
    const head = to === null ? await this.audit.head(chain) : null;
    const range = await this.audit.sequenceRange(chain, from, to);
    const last = head ? head.sequence : range?.last;
    if (last === undefined || last === 0n) return OK(0);
    const first = range?.first ?? (from === null ? 1n : last + 1n);
    if (first > last) return OK(0);
    if (head && range && range.last > head.sequence && first > head.sequence) return OK(0);

    let previous = GENESIS_HASH;
    if (first > 1n) {
      const before = await this.audit.bySequence(chain, first - 1n);
      if (!before) return broken(first - 1n, null, 'MISSING', 0);
      previous = before.hash;
    }
    let expected = first;
    let checked = 0;
    while (expected <= last) {
      const batch = await this.audit.chainRun(chain, expected, last, BATCH);
      if (batch.length === 0 || batch[0]!.sequence !== expected) return broken(expected, null, 'MISSING', checked);
      const verdict = verifyChain(batch.map(chained), previous);
      if (!verdict.ok) return fromVerdict(batch, verdict.brokenAt, verdict.reason, checked);
      checked += batch.length;
      previous = verdict.lastHash;
      expected = batch[batch.length - 1]!.sequence + 1n;
    }
    if (head && previous !== head.hash) return broken(last, null, 'HEAD_MISMATCH', checked);
    return OK(checked);
  }
}

/** Exactly what the hash covers, and the links: the row id and request id are not part of it. */
function chained({ id: _id, requestId: _requestId, ...entry }: StoredEntry) {
  return entry;
}

function broken(sequence: bigint, entryId: string | null, reason: ChainReport['reason'], entries: number): ChainReport {
  return { ok: false, entries, firstBrokenSequence: sequence, firstBrokenEntryId: entryId, reason };
}

function fromVerdict(
  batch: StoredEntry[],
  brokenAt: bigint,
  reason: 'HASH_MISMATCH' | 'PREVIOUS_MISMATCH' | 'SEQUENCE_GAP',
  checkedBefore: number,
): ChainReport {
  const index = batch.findIndex((e) => e.sequence === brokenAt);
  if (reason === 'SEQUENCE_GAP') {
    // The entry after the gap is whole; the broken link is the first sequence that is not there.
    return broken(batch[index - 1]!.sequence + 1n, null, 'MISSING', checkedBefore + index);
  }
  return broken(brokenAt, batch[index]!.id, reason, checkedBefore + index);
}
