/** One feedback message as a creditor pulls it. */
export interface FeedbackEntry {
  /** Where this entry is in the feedback stream; pass it as `since` to get what came after. */
  cursor: string;
  feedbackId: string;
  creditorSignalRef: string;
  status: string;
  reasonCode?: string;
  occurredAt?: string;
}

/** A cursor that is not one this connector hands out. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

const CURSOR = /^(\d{1,5})-(\d{1,19})$/;

function position(cursor: string): [number, bigint] {
  const match = CURSOR.exec(cursor);
  if (!match) throw new CursorError('since must be a cursor from an earlier answer, e.g. 0-1234');
  return [Number(match[1]), BigInt(match[2]!)];
}

function after(a: [number, bigint], b: [number, bigint]): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
}

/**
 * Per creditor, its feedback in the order of the stream, each feedback id once (the hub's outbox may
 * publish one twice). Bounded per creditor: the oldest entries go first. The hub keys feedback by
 * creditor id, so one creditor's feedback lives in one partition and the cursor (partition-offset)
 * orders it completely.
 */
export class FeedbackLog {
  private readonly entries = new Map<string, FeedbackEntry[]>();
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly maxPerCreditor: number) {}

  /** False when this feedback id was already recorded for the creditor. */
  record(creditorId: string, entry: FeedbackEntry): boolean {
    const seen = this.seen.get(creditorId) ?? new Set<string>();
    if (seen.has(entry.feedbackId)) return false;
    const list = this.entries.get(creditorId) ?? [];
    list.push(entry);
    seen.add(entry.feedbackId);
    if (list.length > this.maxPerCreditor) seen.delete(list.shift()!.feedbackId);
    this.entries.set(creditorId, list);
    this.seen.set(creditorId, seen);
    return true;
  }

  /**
   * Up to `limit` entries after `since` (from the oldest kept without it).
   * @throws {CursorError} for a malformed cursor.
   */
  since(creditorId: string, since: string | undefined, limit: number): FeedbackEntry[] {
    const list = this.entries.get(creditorId) ?? [];
    if (since === undefined) return list.slice(0, limit);
    const from = position(since);
    const result: FeedbackEntry[] = [];
    for (const entry of list) {
      if (result.length >= limit) break;
      if (after(position(entry.cursor), from)) result.push(entry);
    }
    return result;
  }
}
