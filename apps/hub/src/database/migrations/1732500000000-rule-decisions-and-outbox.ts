import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each signal records the rule (id and version) that decided it, so a decision can be explained
 * years later under the rules then in force. Feedback to creditors leaves through a transactional
 * outbox: written in the same transaction as the signal, published after commit by the relay.
 */
export class RuleDecisionsAndOutbox1732500000000 implements MigrationInterface {
  name = 'RuleDecisionsAndOutbox1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal
      ADD COLUMN decision text NOT NULL DEFAULT 'ACCEPTED',
      ADD COLUMN decision_reason text,
      ADD COLUMN rule_id text,
      ADD COLUMN rule_version text,
      ADD COLUMN key_id text`);
    await q.query(`
      CREATE TABLE feedback_outbox (
        id bigserial PRIMARY KEY,
        -- Stable per event: derived from the source message and the status, so a redelivered batch
        -- writes no second row and a creditor can deduplicate what the relay publishes twice.
        feedback_id uuid NOT NULL UNIQUE,
        creditor_id text NOT NULL,
        creditor_signal_ref text NOT NULL,
        status text NOT NULL,
        reason_code text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX feedback_outbox_pending_idx ON feedback_outbox (id) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE minimisation_count (
        creditor_id text NOT NULL,
        field text NOT NULL,
        dropped bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (creditor_id, field)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minimisation_count`);
    await q.query(`DROP TABLE feedback_outbox`);
    await q.query(`ALTER TABLE signal DROP COLUMN decision, DROP COLUMN decision_reason, DROP COLUMN rule_id,
      DROP COLUMN rule_version, DROP COLUMN key_id`);
  }
}
