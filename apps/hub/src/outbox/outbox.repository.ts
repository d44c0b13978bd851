import { Injectable } from '@nestjs/common';
import type { FeedbackStatus } from '@signaalhub/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';
import type { FeedbackEvent } from './feedback-event.js';

/** A feedback row waiting to be published. */
export interface PendingFeedback {
  id: string;
  feedbackId: string;
  creditorId: string;
  creditorSignalRef: string;
  status: keyof typeof FeedbackStatus;
  reasonCode: string | null;
  occurredAt: Date;
}

/** `feedback_outbox`: feedback written with the decision it reports, published after commit. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes feedback into the outbox inside the caller's transaction; a known feedback id is skipped. */
  async enqueue(events: FeedbackEvent[], tx?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await (tx ?? this.dataSource).query(
      `${sqlTag(SQL_TAGS.feedbackOutbox)}INSERT INTO feedback_outbox (feedback_id, creditor_id, creditor_signal_ref, status, reason_code)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (feedback_id) DO NOTHING`,
      [
        events.map((e) => e.feedbackId),
        events.map((e) => e.creditorId),
        events.map((e) => e.creditorSignalRef),
        events.map((e) => e.status),
        events.map((e) => e.reasonCode),
      ],
    );
  }

  /**
   * The oldest unpublished rows, locked for the caller's transaction. `SKIP LOCKED` lets several hub
   * instances relay without sending a row twice at the same time.
   */
  async claimPending(limit: number, tx: EntityManager): Promise<PendingFeedback[]> {
    const rows: Array<{
      id: string;
      feedback_id: string;
      creditor_id: string;
      creditor_signal_ref: string;
      status: keyof typeof FeedbackStatus;
      reason_code: string | null;
      occurred_at: Date;
    }> = await tx.query(
      `${sqlTag(SQL_TAGS.outboxRelaySelect)}SELECT id, feedback_id, creditor_id, creditor_signal_ref, status, reason_code, occurred_at
         FROM feedback_outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      feedbackId: r.feedback_id,
      creditorId: r.creditor_id,
      creditorSignalRef: r.creditor_signal_ref,
      status: r.status,
      reasonCode: r.reason_code,
      occurredAt: r.occurred_at,
    }));
  }

  async markPublished(ids: string[], tx: EntityManager): Promise<void> {
    await tx.query(
      `${sqlTag(SQL_TAGS.outboxRelayUpdate)}UPDATE feedback_outbox SET published_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }
}
