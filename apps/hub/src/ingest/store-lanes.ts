import { createHash } from 'node:crypto';
import { addressKey } from '../cases/case.repository.js';
import type { AcceptedSignal } from './signal-pipeline.js';
import type { StoreResult } from './signal-store.js';

/**
 * Store transactions one hub instance runs at once. Each lane stores its part of every batch, one
 * transaction after another; the lanes run side by side on their own connections.
 */
export const STORE_LANES = 2;

/**
 * The lane of a signal: all signals of one household go to the same lane, so transactions of
 * different lanes never touch the same household or case and never wait on each other's row locks.
 * Unrouted signals touch no household; they are spread by their arrears.
 */
export function storeLaneOf(signal: AcceptedSignal, lanes = STORE_LANES): number {
  const key =
    signal.routing.kind === 'routed' ? addressKey(signal) : `${signal.creditorId}|${signal.signal.creditorSignalRef}`;
  return createHash('sha256').update(key).digest().readUInt32BE(0) % lanes;
}

/** The batch's accepted signals by lane, in batch order within each lane. */
export function splitByLane<T extends { signal: AcceptedSignal }>(items: readonly T[], lanes = STORE_LANES): T[][] {
  const parts: T[][] = Array.from({ length: lanes }, () => []);
  for (const item of items) parts[storeLaneOf(item.signal, lanes)]!.push(item);
  return parts;
}

/** Most pieces of work one lane runs together in one group. */
export const MAX_LANE_GROUP = 8;

/**
 * One store lane: runs its work one group at a time. Work that arrives while the lane is busy waits
 * and then runs together with whatever else waited, as one group, in arrival order. Under load the
 * batches of several partitions then share one transaction instead of queueing for one each, so a
 * signal waits for at most one transaction ahead of its own, not for every one queued before it.
 * `runGroup` settles each piece of work of the group on its own; when it throws, the whole group
 * fails with that error.
 */
export class StoreLane<T, R> {
  private readonly waiting: Array<{ work: T; settle: (result: PromiseSettledResult<R>) => void }> = [];
  private busy = false;

  constructor(
    private readonly runGroup: (group: T[]) => Promise<Array<PromiseSettledResult<R>>>,
    private readonly maxGroup = MAX_LANE_GROUP,
  ) {}

  run(work: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({
        work,
        settle: (result) => (result.status === 'fulfilled' ? resolve(result.value) : reject(result.reason)),
      });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      let results: Array<PromiseSettledResult<R>>;
      try {
        results = await this.runGroup(group.map((g) => g.work));
      } catch (error) {
        results = group.map(() => ({ status: 'rejected', reason: error }));
      }
      group.forEach((g, i) =>
        g.settle(results[i] ?? { status: 'rejected', reason: new Error('the lane lost this result') }),
      );
    }
    this.busy = false;
  }
}

/**
 * The result of storing several batches' parts together, told back per part: a part's signals that
 * were stored (the very objects it gave), and as duplicates the rest of it (stored before, or the
 * same delivery again later in the group).
 */
export function resultPerPart(parts: ReadonlyArray<readonly AcceptedSignal[]>, together: StoreResult): StoreResult[] {
  const stored = new Set(together.stored);
  return parts.map((part) => {
    const mine = part.filter((s) => stored.has(s));
    return { stored: mine, duplicates: part.length - mine.length };
  });
}
