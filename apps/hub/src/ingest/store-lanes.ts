import { createHash } from 'node:crypto';
import { addressKey } from '../cases/case.repository.js';
import type { AcceptedSignal } from './signal-pipeline.js';

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
