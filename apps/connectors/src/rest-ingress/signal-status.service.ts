import { Inject, Injectable } from '@nestjs/common';
import { signalKey } from '@signaalhub/contracts';
import { FeedbackStream, type FeedbackMessage } from '../feedback-stream/feedback-stream.service.js';
import { CreditorSigningKeys } from '../signing/creditor-signing-keys.js';
import type { SignalStatusDto } from './submit-signals.dto.js';
import { FeedbackLog, type FeedbackEntry } from './feedback-log.js';

/** References whose last feedback is kept; the least recently updated are forgotten first. */
export const REMEMBERED_STATUSES = 200_000;

/** Feedback entries kept per creditor for pulling. */
export const PULLABLE_FEEDBACK_PER_CREDITOR = 100_000;

/**
 * The last feedback the hub sent per signal of the creditors this connector serves, in a bounded
 * in-memory map, fed by the process's one feedback stream (read from the topic's beginning at every
 * start), so it covers the topic's retention (14 days by default) and nothing older; a reference it
 * does not know is answered 404. It also keeps each creditor's feedback for pulling
 * ({@link FeedbackLog}), each feedback id once.
 */
@Injectable()
export class SignalStatusService {
  private readonly statuses = new Map<string, SignalStatusDto>();
  private readonly log = new FeedbackLog(PULLABLE_FEEDBACK_PER_CREDITOR);
  private served = { creditors: new Set<string>(), readAt: -Infinity };

  constructor(
    @Inject(FeedbackStream) stream: FeedbackStream,
    @Inject(CreditorSigningKeys) private readonly keys: CreditorSigningKeys,
  ) {
    stream.listen((message) => this.record(message));
  }

  status(creditorId: string, ref: string): SignalStatusDto | null {
    return this.statuses.get(signalKey(creditorId, ref)) ?? null;
  }

  /** @throws {CursorError} for a malformed cursor. */
  feedbackSince(creditorId: string, since: string | undefined, limit: number): FeedbackEntry[] {
    return this.log.since(creditorId, since, limit);
  }

  /** Only the creditors whose keys this connector holds; the key folder is read at most once a second. */
  private serves(creditorId: string): boolean {
    const now = performance.now();
    if (now - this.served.readAt > 1000) this.served = { creditors: new Set(this.keys.creditors()), readAt: now };
    return this.served.creditors.has(creditorId);
  }

  private record({ creditorId, cursor, ...status }: FeedbackMessage): void {
    if (!this.serves(creditorId)) return;
    // A feedback id seen before is the outbox publishing it again: neither a new status nor a new entry.
    if (!this.log.record(creditorId, { cursor, ...status })) return;
    const key = signalKey(creditorId, status.creditorSignalRef);
    this.statuses.delete(key);
    this.statuses.set(key, status);
    if (this.statuses.size > REMEMBERED_STATUSES) {
      this.statuses.delete(this.statuses.keys().next().value as string);
    }
  }
}
