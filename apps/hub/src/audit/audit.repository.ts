import { Injectable } from '@nestjs/common';
import { type ChainedEntry, chainHash, GENESIS_HASH, type ProcessingActivityCode } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { HUB_CHAIN } from './audit-activity.js';

/** One audit row per subject id: who, in which role and municipality, did what, under which activity. */
export interface AuditRow {
  actor: string;
  actorRole: string;
  municipality: string | null;
  activity: ProcessingActivityCode;
  action: string;
  subjectType: string;
  subjectIds: string[];
  detail: Record<string, unknown>;
  requestId: string | null;
}

/** A forged or misdirected message: who it claimed to be, where it was, why it was refused. */
export interface SecurityEvent {
  /** The creditor id the message claimed; not proven. */
  claimedCreditorId: string;
  reason: string;
  /** `topic/partition/offset` of the message. */
  position: string;
}

/** A stored entry as its hash covers it, with its place in the chain. */
export interface StoredEntry extends ChainedEntry {
  readonly id: string;
  readonly previousHash: string;
  readonly hash: string;
  readonly requestId: string | null;
}

type NewEntry = Omit<ChainedEntry, 'sequence' | 'occurredAt'> & { readonly requestId: string | null };

/** What an officer may filter the log of one chain on. */
export interface AuditLogQuery {
  chain: string;
  actor?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  activity?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Entries older than this sequence (the cursor), newest first. */
  beforeSequence?: bigint | null;
}

/** The exact text of a timestamp that an entry's hash covers (microseconds, UTC). */
const OCCURRED_AT_TEXT = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** Callers whose entries share one group transaction at most. */
const MAX_GROUP = 256;
const CHAIN_KEY = `coalesce(municipality::text, '${HUB_CHAIN}')`;
const ENTRY_COLUMNS = `id, sequence, ${OCCURRED_AT_TEXT} AS occurred_at, actor, actor_role, municipality, activity,
  action, subject_type, subject_id, detail, previous_hash, hash, request_id`;

/**
 * `audit_event` and the chain heads. Rows are only ever appended (a trigger refuses UPDATE and DELETE),
 * each one hashed onto the last entry of its municipality's chain.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** With `tx`, the rows commit (or roll back) with the change they record. */
  async insert(row: AuditRow, tx?: EntityManager): Promise<void> {
    const { subjectIds, ...common } = row;
    await this.append(
      subjectIds.map((subjectId) => ({ ...common, subjectId })),
      tx,
    );
  }

  /**
   * Security events of refused messages, as `SECURITY_<reason>` rows of the claimed creditor; each
   * message's event once, also when its batch is stored again (a crash before the offset commit, or
   * a batch of which one store lane had committed).
   */
  async insertSecurityEvents(events: SecurityEvent[], tx?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const recorded: Array<{ subject_id: string; action: string }> = await (tx ?? this.dataSource).query(
      `SELECT subject_id, action FROM audit_event WHERE subject_type = 'kafka_message' AND subject_id = ANY($1::text[])`,
      [events.map((e) => e.position)],
    );
    const seen = new Set(recorded.map((r) => `${r.action}|${r.subject_id}`));
    await this.append(
      events
        .filter((e) => !seen.has(`SECURITY_${e.reason}|${e.position}`))
        .map((e) => ({
          actor: e.claimedCreditorId,
          actorRole: 'creditor',
          municipality: null,
          activity: 'RECEIVE_SIGNAL',
          action: `SECURITY_${e.reason}`,
          subjectType: 'kafka_message',
          subjectId: e.position,
          detail: { reason: e.reason },
          requestId: null,
        })),
      tx,
    );
  }

  /**
   * Appends entries to their chains. The chain heads are locked until the transaction ends, so
   * concurrent writers of one municipality (any hub instance) queue here; callers record last in their
   * transaction, which keeps that wait short. Heads are locked in key order, so two writers never
   * wait on each other crosswise. Without `tx` the entries join the instance's next group append.
   */
  private async append(entries: NewEntry[], tx?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    if (!tx) return this.appendGrouped(entries);
    await this.appendIn(tx, entries);
  }

  /**
   * Entries recorded outside a transaction of their own (reads of personal data) are appended in
   * groups: all that arrive while one group's transaction runs go together in the next, so readers of
   * one municipality share one chain-head lock instead of queueing on it one transaction each. Each
   * caller still resolves only once its entries are committed.
   */
  private appendGrouped(entries: NewEntry[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entries, resolve, reject });
      this.grouping ??= this.appendWaiting();
    });
  }

  private readonly waiting: Array<{ entries: NewEntry[]; resolve: () => void; reject: (error: unknown) => void }> = [];
  private grouping: Promise<void> | null = null;

  private async appendWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        await this.dataSource.transaction((own) =>
          this.appendIn(
            own,
            group.flatMap((g) => g.entries),
          ),
        );
        for (const caller of group) caller.resolve();
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          continue;
        }
        // One caller's entries must not fail the others': each caller on its own.
        for (const caller of group) {
          await this.dataSource
            .transaction((own) => this.appendIn(own, caller.entries))
            .then(caller.resolve, caller.reject);
        }
      }
    }
    // In the same turn as the last check of the queue: a caller arriving later starts a new run.
    this.grouping = null;
  }

  private async appendIn(tx: EntityManager, entries: NewEntry[]): Promise<void> {
    const keys = [...new Set(entries.map((e) => e.municipality ?? HUB_CHAIN))].sort();
    await tx.query(
      `INSERT INTO audit_chain_head (chain_key, sequence, hash)
       SELECT k, 0, $2 FROM unnest($1::text[]) AS k ORDER BY k ON CONFLICT DO NOTHING`,
      [keys, GENESIS_HASH],
    );
    const locked = (await tx.query(
      `SELECT chain_key, sequence, hash FROM audit_chain_head WHERE chain_key = ANY($1) ORDER BY chain_key FOR UPDATE`,
      [keys],
    )) as Array<{ chain_key: string; sequence: string; hash: string }>;
    const heads = new Map(locked.map((h) => [h.chain_key, { sequence: BigInt(h.sequence), hash: h.hash }]));
    // Taken after the lock, so time runs with the sequence.
    const [{ now }] = (await tx.query(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`,
    )) as [{ now: string }];

    const rows = entries.map((entry) => {
      const key = entry.municipality ?? HUB_CHAIN;
      const head = heads.get(key)!;
      const { requestId, ...fields } = entry;
      const chained: ChainedEntry = {
        ...fields,
        sequence: head.sequence + 1n,
        occurredAt: now,
        // As stored and read back: JSON (dates become strings, undefined disappears).
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
      };
      const hash = chainHash(head.hash, chained);
      const row = { ...chained, previousHash: head.hash, hash, requestId };
      heads.set(key, { sequence: chained.sequence, hash });
      return row;
    });
    const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    await tx.query(
      `INSERT INTO audit_event (sequence, occurred_at, actor, actor_role, municipality, activity, action,
                                subject_type, subject_id, detail, previous_hash, hash, request_id)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::text[], $13::text[])`,
      [
        column((r) => r.sequence.toString()),
        column((r) => r.occurredAt),
        column((r) => r.actor),
        column((r) => r.actorRole),
        column((r) => r.municipality),
        column((r) => r.activity),
        column((r) => r.action),
        column((r) => r.subjectType),
        column((r) => r.subjectId),
        column((r) => JSON.stringify(r.detail)),
        column((r) => r.previousHash),
        column((r) => r.hash),
        column((r) => r.requestId),
      ],
    );
    await tx.query(
      `UPDATE audit_chain_head h SET sequence = u.sequence, hash = u.hash
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(chain_key, sequence, hash)
       WHERE h.chain_key = u.chain_key`,
      [keys, keys.map((k) => heads.get(k)!.sequence.toString()), keys.map((k) => heads.get(k)!.hash)],
    );
  }

  /** The chain's head as the writers left it: the sequence and hash of its last entry. */
  async head(chain: string): Promise<{ sequence: bigint; hash: string } | null> {
    const rows = (await this.dataSource.query(`SELECT sequence, hash FROM audit_chain_head WHERE chain_key = $1`, [
      chain,
    ])) as Array<{ sequence: string; hash: string }>;
    return rows[0] ? { sequence: BigInt(rows[0].sequence), hash: rows[0].hash } : null;
  }

  /** The sequences of the first and last entries of a period (null bounds: the whole chain). */
  async sequenceRange(
    chain: string,
    from: Date | null,
    to: Date | null,
  ): Promise<{ first: bigint; last: bigint } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT min(sequence) AS first, max(sequence) AS last FROM audit_event
       WHERE ${CHAIN_KEY} = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)`,
      [chain, from, to],
    )) as [{ first: string | null; last: string | null }];
    return row.first === null || row.last === null ? null : { first: BigInt(row.first), last: BigInt(row.last) };
  }

  /** Entries of a chain from a sequence on, oldest first, at most `limit`, none past `last`. */
  async chainRun(chain: string, fromSequence: bigint, last: bigint, limit: number): Promise<StoredEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_event
       WHERE ${CHAIN_KEY} = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence LIMIT $4`,
      [chain, fromSequence.toString(), last.toString(), limit],
    )) as EntryRow[];
    return rows.map(toEntry);
  }

  /** The entry with this sequence, or null when it is not there. */
  async bySequence(chain: string, sequence: bigint): Promise<StoredEntry | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_event WHERE ${CHAIN_KEY} = $1 AND sequence = $2`,
      [chain, sequence.toString()],
    )) as EntryRow[];
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** A page of one chain's log, newest first. */
  async page(query: AuditLogQuery, limit: number): Promise<StoredEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_event
       WHERE ${CHAIN_KEY} = $1
         AND ($2::text IS NULL OR actor = $2)
         AND ($3::text IS NULL OR subject_type = $3)
         AND ($4::text IS NULL OR subject_id = $4)
         AND ($5::text IS NULL OR activity = $5)
         AND ($6::timestamptz IS NULL OR occurred_at >= $6)
         AND ($7::timestamptz IS NULL OR occurred_at < $7)
         AND ($8::bigint IS NULL OR sequence < $8)
       ORDER BY sequence DESC LIMIT $9`,
      [
        query.chain,
        query.actor ?? null,
        query.subjectType ?? null,
        query.subjectId ?? null,
        query.activity ?? null,
        query.from ?? null,
        query.to ?? null,
        query.beforeSequence?.toString() ?? null,
        limit,
      ],
    )) as EntryRow[];
    return rows.map(toEntry);
  }
}

interface EntryRow {
  id: string;
  sequence: string;
  occurred_at: string;
  actor: string;
  actor_role: string;
  municipality: string | null;
  activity: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: unknown;
  previous_hash: string;
  hash: string;
  request_id: string | null;
}

function toEntry(row: EntryRow): StoredEntry {
  return {
    id: row.id,
    sequence: BigInt(row.sequence),
    occurredAt: row.occurred_at,
    actor: row.actor,
    actorRole: row.actor_role,
    municipality: row.municipality,
    activity: row.activity,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id ?? '',
    detail: row.detail,
    previousHash: row.previous_hash,
    hash: row.hash,
    requestId: row.request_id,
  };
}
