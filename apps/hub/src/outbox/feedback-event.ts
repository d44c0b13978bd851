import { createHash } from 'node:crypto';
import type { FeedbackDisclosure } from '@signaalhub/domain';

/** The feedback statuses of the contract (`signaalhub.v1.FeedbackStatus`), by name; the domain decides which apply. */
export type FeedbackStatusName = FeedbackDisclosure;

/** One thing a creditor is told about one of its signals; only what the disclosure rules allow. */
export interface FeedbackEvent {
  feedbackId: string;
  creditorId: string;
  creditorSignalRef: string;
  status: FeedbackStatusName;
  reasonCode: string | null;
}

/**
 * Feedback about one signal, as the disclosure rules allow it. Its id is derived from what caused it
 * (a payload hash, a case event) and the status: the same cause always yields the same id, so a
 * redelivered message or a retried transaction writes no second outbox row.
 */
export function feedbackEvent(
  cause: string,
  signal: { creditorId: string; creditorSignalRef: string },
  disclosure: { status: FeedbackStatusName; reasonCode: string | null },
): FeedbackEvent {
  return {
    feedbackId: feedbackIdFor(signal.creditorId, cause, disclosure.status),
    creditorId: signal.creditorId,
    creditorSignalRef: signal.creditorSignalRef,
    status: disclosure.status,
    reasonCode: disclosure.reasonCode,
  };
}

// The creditor is part of the id: two creditors may send the same bytes (see the per-creditor
// duplicate rule), and each must get its own feedback.
function feedbackIdFor(creditorId: string, cause: string, status: FeedbackStatusName): string {
  const h = createHash('sha256').update(`${creditorId}|${cause}|${status}`).digest('hex');
  // Formatted as a UUID (version nibble 8: custom) so it fits the uuid column and client libraries.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
