import { chainHash, GENESIS_HASH } from '@signaalhub/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles.js';

/** The exact text of a timestamp that an entry's hash covers (microseconds, UTC). */
const OCCURRED_AT_TEXT = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A tamper-evident audit trail: every entry names its processing activity (the AVG art. 30 register),
 * the request it belongs to, and its place in the hash chain of its municipality (operator entries,
 * without one, chain under 'HUB'). The chain head of each municipality is a row writers lock, so two
 * hub instances appending at once take turns instead of forking the chain; the unique index makes a
 * fork impossible even for a writer that skipped the lock.
 *
 * Entries written before this migration are chained here, oldest first, so the whole trail verifies.
 * That is the one time the append-only trigger steps aside, inside this transaction.
 */
export class AuditChain1732900000000 implements MigrationInterface {
  name = 'AuditChain1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN sequence bigint,
        ADD COLUMN previous_hash char(64),
        ADD COLUMN hash char(64),
        ADD COLUMN activity text,
        ADD COLUMN request_id text`);
    await q.query(`
      CREATE TABLE audit_chain_head (
        chain_key text PRIMARY KEY,
        sequence bigint NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`REVOKE DELETE, TRUNCATE ON audit_chain_head FROM ${APP_ROLE}`);

    await q.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await this.chainExisting(q);
    await q.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);

    await q.query(`
      ALTER TABLE audit_event
        ALTER COLUMN sequence SET NOT NULL,
        ALTER COLUMN previous_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL,
        ALTER COLUMN activity SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX audit_event_chain_idx ON audit_event ((coalesce(municipality::text, 'HUB')), sequence)`,
    );
    await q.query(
      `CREATE INDEX audit_event_chain_time_idx ON audit_event ((coalesce(municipality::text, 'HUB')), occurred_at)`,
    );
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_actor_idx`);
    await q.query(`DROP INDEX audit_event_chain_time_idx`);
    await q.query(`DROP INDEX audit_event_chain_idx`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`
      ALTER TABLE audit_event
        DROP COLUMN request_id, DROP COLUMN activity, DROP COLUMN hash, DROP COLUMN previous_hash, DROP COLUMN sequence`);
  }

  /** Chains the entries already there, in id order, per municipality; the activity follows the action. */
  private async chainExisting(q: QueryRunner): Promise<void> {
    const heads = new Map<string, { sequence: bigint; hash: string }>();
    let lastId = '0';
    for (;;) {
      const rows = (await q.query(
        `SELECT id, ${OCCURRED_AT_TEXT} AS occurred_at, actor, actor_role, municipality, action, subject_type,
                subject_id, detail, ${ACTIVITY_OF_ACTION} AS activity
         FROM audit_event WHERE id > $1 ORDER BY id LIMIT 1000`,
        [lastId],
      )) as LegacyRow[];
      if (rows.length === 0) break;
      const updates: Array<[string, string, string, string, string]> = [];
      for (const row of rows) {
        const key = row.municipality ?? 'HUB';
        const head = heads.get(key) ?? { sequence: 0n, hash: GENESIS_HASH };
        const sequence = head.sequence + 1n;
        const hash = chainHash(head.hash, {
          sequence,
          occurredAt: row.occurred_at,
          actor: row.actor,
          actorRole: row.actor_role,
          municipality: row.municipality,
          activity: row.activity,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id ?? '',
          detail: row.detail,
        });
        updates.push([row.id, sequence.toString(), head.hash, hash, row.activity]);
        heads.set(key, { sequence, hash });
      }
      await q.query(
        `UPDATE audit_event a SET sequence = u.sequence, previous_hash = u.previous_hash, hash = u.hash, activity = u.activity
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])
           AS u(id, sequence, previous_hash, hash, activity)
         WHERE a.id = u.id`,
        [0, 1, 2, 3, 4].map((i) => updates.map((u) => u[i])),
      );
      lastId = rows[rows.length - 1]!.id;
    }
    for (const [key, head] of heads) {
      await q.query(`INSERT INTO audit_chain_head (chain_key, sequence, hash) VALUES ($1, $2, $3)`, [
        key,
        head.sequence.toString(),
        head.hash,
      ]);
    }
  }
}

interface LegacyRow {
  id: string;
  occurred_at: string;
  actor: string;
  actor_role: string;
  municipality: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: unknown;
  activity: string;
}

/** The activity of the actions written before activities were recorded (frozen: later ones name their own). */
const ACTIVITY_OF_ACTION = `CASE
  WHEN action LIKE 'SECURITY\\_%' THEN 'RECEIVE_SIGNAL'
  WHEN action = 'DDAS_EXPORTED' THEN 'REPORT_MONITOR'
  WHEN action IN ('AGREEMENT_SET', 'CREDITORS_LISTED', 'CREDITOR_KEY_ADDED', 'CREDITOR_KEY_REVOKED',
                  'CREDITOR_REGISTERED', 'MUNICIPALITY_POLICY_SET', 'SIGNAL_ROUTED_MANUALLY',
                  'UNROUTED_SIGNALS_LISTED', 'UNROUTED_SIGNAL_PURGED') THEN 'OPERATE_REGISTRY'
  ELSE 'WORK_CASE' END`;
