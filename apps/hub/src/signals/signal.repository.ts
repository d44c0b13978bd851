import { Injectable } from '@nestjs/common';
import type { NormalisedSignal, PreviousSignal, RuleDecision, SignalStatus } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignalType } from '../cases/dto/case.types.js';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';
import { orNull } from '../database/sql-values.js';
import type { SectorValue } from '../graphql/enums.js';
import type { AcceptedSignal } from '../ingest/signal-pipeline.js';
import type { UnroutedSignalType } from '../unrouted/dto/unrouted.types.js';

/** Who to tell about a signal: its id and the creditor's own reference. */
export interface TellableSignal {
  id: string;
  creditorId: string;
  creditorSignalRef: string;
}

/** A stored signal as the rules read it again (manual routing). */
export interface StoredSignal {
  id: string;
  creditorId: string;
  routing: string;
  signal: NormalisedSignal;
}

/** The key of one creditor's arrears: the signals a new one may repeat. */
export function arrearsKey(creditorId: string, creditorSignalRef: string): string {
  return `${creditorId}\u0000${creditorSignalRef}`;
}

/** The key of one delivered payload of one creditor. */
export function deliveryKey(creditorId: string, payloadHex: string): string {
  return `${creditorId}\u0000${payloadHex}`;
}

type InsertedValue = (signal: AcceptedSignal, caseOf: (signal: AcceptedSignal) => string | null) => unknown;

/** What an accepted signal fills in `signal`: column, SQL type of its unnest parameter, value; in insert order. */
// prettier-ignore
const SIGNAL_INSERT: ReadonlyArray<readonly [column: string, type: string, value: InsertedValue]> = [
  ['payload_sha256', 'bytea', (s) => s.payloadSha256],
  ['creditor_id', 'text', (s) => s.creditorId],
  ['creditor_signal_ref', 'text', (s) => s.signal.creditorSignalRef],
  ['kind', 'text', (s) => s.signal.kind],
  ['sector', 'text', (s) => s.signal.sector],
  ['signal_date', 'date', (s) => s.signal.signalDate],
  ['sent_at', 'timestamptz', (s) => s.signal.sentAt],
  ['routing', 'text', (s) => (s.routing.kind === 'routed' ? 'ROUTED' : 'UNROUTED')],
  ['routing_reason', 'text', (s) => (s.routing.kind === 'unrouted' ? s.routing.reason : null)],
  ['municipality', 'text', (s) => (s.routing.kind === 'routed' ? s.routing.municipality : null)],
  ['case_id', 'uuid', (s, caseOf) => (s.routing.kind === 'routed' ? caseOf(s) : null)],
  ['household_key', 'text', (s) => s.signal.householdKey],
  ['initials', 'text', (s) => orNull(s.signal.initials)],
  ['first_names', 'text', (s) => orNull(s.signal.firstNames)],
  ['surname_prefix', 'text', (s) => orNull(s.signal.surnamePrefix)],
  ['surname', 'text', (s) => s.signal.surname],
  ['birth_date', 'date', (s) => orNull(s.signal.birthDate)],
  ['phone', 'text', (s) => orNull(s.signal.phone)],
  ['email', 'text', (s) => orNull(s.signal.email)],
  ['postcode', 'text', (s) => s.signal.postcode],
  ['house_number', 'int', (s) => s.signal.houseNumber],
  ['house_letter', 'text', (s) => orNull(s.signal.houseLetter)],
  ['house_number_addition', 'text', (s) => orNull(s.signal.houseNumberAddition)],
  ['street', 'text', (s) => orNull(s.signal.street)],
  ['place', 'text', (s) => orNull(s.signal.place)],
  ['amount_cents', 'bigint', (s) => s.signal.amountCents.toString()],
  ['arrears_since', 'date', (s) => s.signal.arrearsSince],
  ['customer_number', 'text', (s) => orNull(s.signal.customerNumber)],
  ['supply_end_date', 'date', (s) => orNull(s.signal.supplyEndDate)],
  ['personal_contact_attempted', 'bool', (s) => s.signal.personalContactAttempted],
  ['referred_to_debt_help', 'bool', (s) => s.signal.referredToDebtHelp],
  ['reminder_sent_on', 'date', (s) => orNull(s.signal.reminderSentOn)],
  ['objection_offered', 'bool', (s) => s.signal.objectionOffered],
  ['objection_received', 'bool', (s) => s.signal.objectionReceived],
  ['crisis', 'bool', (s) => s.signal.crisis],
  ['warm_handover', 'bool', (s) => s.signal.warmHandover],
  ['source_topic', 'text', (s) => s.source.topic],
  ['source_partition', 'int', (s) => s.source.partition],
  ['source_offset', 'bigint', (s) => s.source.offset],
  ['status', 'text', (s) => s.status],
  ['decision', 'text', (s) => s.decision?.outcome ?? 'PENDING_ROUTING'],
  ['decision_reason', 'text', (s) => s.decision?.reason ?? null],
  ['rule_id', 'text', (s) => s.decision?.ruleId ?? null],
  ['rule_version', 'text', (s) => s.decision?.ruleVersion ?? null],
  ['key_id', 'text', (s) => s.keyId],
];

/** The columns the ingest inserts into `signal`, in insert order (the benchmark's COPY ceiling copies the same). */
export const SIGNAL_COLUMNS: readonly string[] = SIGNAL_INSERT.map(([column]) => column);

/** One bulk statement for a batch: each column a typed array parameter, unnest-ed into rows. */
export const INSERT_SIGNALS = `${sqlTag(SQL_TAGS.signalInsert)}INSERT INTO signal (${SIGNAL_COLUMNS.join(', ')})
       SELECT * FROM unnest(${SIGNAL_INSERT.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
       ON CONFLICT (creditor_id, payload_sha256) DO NOTHING
       RETURNING id, case_id, municipality`;

/** `signal`: stored signals, routed (with a case) or held unrouted for the operator. */
@Injectable()
export class SignalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The latest stored signal of each (creditor, reference): the arrears a new signal may repeat.
   * `excluding` leaves signals out by id (a stored signal judged again is not its own predecessor).
   */
  async previousSignals(
    keys: Array<{ creditorId: string; creditorSignalRef: string }>,
    excluding: string[] = [],
    tx?: EntityManager,
  ): Promise<Map<string, PreviousSignal>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      creditor_id: string;
      creditor_signal_ref: string;
      kind: string;
      amount_cents: string;
      signal_date: string;
    }> = await (tx ?? this.dataSource).query(
      `${sqlTag(SQL_TAGS.previousSignals)}SELECT DISTINCT ON (s.creditor_id, s.creditor_signal_ref)
                s.creditor_id, s.creditor_signal_ref, s.kind, s.amount_cents, s.signal_date
         FROM signal s JOIN unnest($1::text[], $2::text[]) AS k(creditor_id, ref)
           ON s.creditor_id = k.creditor_id AND s.creditor_signal_ref = k.ref
         WHERE NOT (s.id = ANY ($3::uuid[]))
         ORDER BY s.creditor_id, s.creditor_signal_ref, s.signal_date DESC, s.received_at DESC, s.id DESC`,
      [keys.map((k) => k.creditorId), keys.map((k) => k.creditorSignalRef), excluding],
    );
    return new Map(
      rows.map((r) => [
        arrearsKey(r.creditor_id, r.creditor_signal_ref),
        { kind: r.kind as PreviousSignal['kind'], amountCents: BigInt(r.amount_cents), signalDate: r.signal_date },
      ]),
    );
  }

  /** Of these deliveries, the ones stored before, as {@link deliveryKey}s. */
  async knownDeliveries(
    tx: EntityManager,
    deliveries: Array<{ creditorId: string; payloadSha256: Buffer }>,
  ): Promise<Set<string>> {
    const rows: { creditor_id: string; h: string }[] = await tx.query(
      `${sqlTag(SQL_TAGS.dedup)}SELECT s.creditor_id, encode(s.payload_sha256, 'hex') AS h
       FROM signal s JOIN unnest($1::text[], $2::bytea[]) AS k(creditor_id, payload_sha256)
         ON s.creditor_id = k.creditor_id AND s.payload_sha256 = k.payload_sha256`,
      [deliveries.map((s) => s.creditorId), deliveries.map((s) => s.payloadSha256)],
    );
    return new Set(rows.map((r) => deliveryKey(r.creditor_id, r.h)));
  }

  /**
   * Inserts accepted signals in one statement; a payload this creditor delivered before is skipped.
   * Returns the routed ones inserted, with their case: each joined a case (an event of that case).
   */
  async insertAccepted(
    tx: EntityManager,
    signals: AcceptedSignal[],
    caseOf: (signal: AcceptedSignal) => string | null,
  ): Promise<Array<{ id: string; caseId: string; municipality: string }>> {
    if (signals.length === 0) return [];
    const inserted: Array<{ id: string; case_id: string | null; municipality: string | null }> = await tx.query(
      INSERT_SIGNALS,
      SIGNAL_INSERT.map(([, , value]) => signals.map((s) => value(s, caseOf))),
    );
    return inserted.flatMap((r) =>
      r.case_id && r.municipality ? [{ id: r.id, caseId: r.case_id, municipality: r.municipality.trim() }] : [],
    );
  }

  /** The case's new signals become picked up; returns them, to be told. */
  async pickUpNew(tx: EntityManager, caseId: string): Promise<TellableSignal[]> {
    const rows: RawTellable[] = await tx.query(
      // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH picked AS (
           UPDATE signal SET status = 'PICKED_UP' WHERE case_id = $1 AND status = 'NOT_YET_PICKED_UP'
           RETURNING id, creditor_id, creditor_signal_ref)
         SELECT * FROM picked`,
      [caseId],
    );
    return rows.map(toTellable);
  }

  /** The case's open signals (new or picked up) take `status`. */
  async closeOpen(tx: EntityManager, caseId: string, status: SignalStatus): Promise<void> {
    await tx.query(
      `UPDATE signal SET status = $2 WHERE case_id = $1 AND status IN ('NOT_YET_PICKED_UP', 'PICKED_UP')`,
      [caseId, status],
    );
  }

  /**
   * Moves every signal of a case to another case in another municipality, returning their ids: a
   * signal is in one municipality only. Signals still open start afresh there (not yet picked up).
   */
  async moveToCase(tx: EntityManager, fromCaseId: string, toCaseId: string, municipality: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `WITH moved AS (
           UPDATE signal SET case_id = $2, municipality = $3,
                  status = CASE WHEN status IN ('NOT_YET_PICKED_UP', 'PICKED_UP') THEN 'NOT_YET_PICKED_UP' ELSE status END
           WHERE case_id = $1
           RETURNING id, signal_date, received_at)
         SELECT id FROM moved ORDER BY signal_date, received_at, id`,
      [fromCaseId, toCaseId, municipality],
    );
    return rows.map((r) => r.id);
  }

  /** The case's signals the rules accepted (repeats and unfounded ones were told so at ingest). */
  async acceptedOfCase(tx: EntityManager, caseId: string): Promise<TellableSignal[]> {
    const rows: RawTellable[] = await tx.query(
      `SELECT id, creditor_id, creditor_signal_ref FROM signal WHERE case_id = $1 AND decision = 'ACCEPTED'`,
      [caseId],
    );
    return rows.map(toTellable);
  }

  /** The signals of each case, oldest first. */
  async byCaseIds(caseIds: readonly string[]): Promise<Map<string, SignalType[]>> {
    const rows = await this.dataSource.query(
      `SELECT * FROM signal WHERE case_id = ANY($1::uuid[]) ORDER BY signal_date, received_at`,
      [caseIds],
    );
    const byCase = new Map<string, SignalType[]>(caseIds.map((id) => [id, []]));
    for (const r of rows) {
      byCase.get(r.case_id)?.push({
        id: r.id,
        creditorId: r.creditor_id,
        creditorSignalRef: r.creditor_signal_ref,
        kind: r.kind,
        sector: r.sector as SectorValue,
        signalDate: r.signal_date,
        status: r.status,
        amountCents: String(r.amount_cents),
        arrearsSince: r.arrears_since,
        initials: r.initials,
        firstNames: r.first_names,
        surnamePrefix: r.surname_prefix,
        surname: r.surname,
        birthDate: r.birth_date,
        phone: r.phone,
        email: r.email,
        customerNumber: r.customer_number,
        crisis: r.crisis,
        warmHandover: r.warm_handover,
        receivedAt: r.received_at,
      });
    }
    return byCase;
  }

  /** Unrouted signals oldest first, after the keyset cursor when given; at most `limit`. */
  async unroutedPage(after: { receivedAt: string; id: string } | null, limit: number): Promise<UnroutedSignalType[]> {
    const params: unknown[] = [];
    let afterSql = '';
    if (after) {
      params.push(after.receivedAt, after.id);
      afterSql = `AND (received_at, id) > ($1::timestamptz, $2::uuid)`;
    }
    params.push(limit);
    const rows = await this.dataSource.query(
      `SELECT id, creditor_id, creditor_signal_ref, sector, signal_date, postcode, place, routing_reason, received_at
       FROM signal WHERE routing = 'UNROUTED' ${afterSql}
       ORDER BY received_at, id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      creditorId: r.creditor_id,
      creditorSignalRef: r.creditor_signal_ref,
      sector: r.sector as SectorValue,
      signalDate: r.signal_date,
      postcode: r.postcode,
      place: r.place,
      reason: r.routing_reason,
      receivedAt: r.received_at as Date,
    }));
  }

  async countUnrouted(): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM signal WHERE routing = 'UNROUTED'`,
    );
    return count;
  }

  /** The signal, locked for the caller's transaction; null when there is none. */
  async lock(tx: EntityManager, id: string): Promise<StoredSignal | null> {
    const [row] = await tx.query(`SELECT * FROM signal WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) return null;
    return { id: row.id, creditorId: row.creditor_id, routing: row.routing, signal: signalFromRow(row) };
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM signal WHERE id = $1`, [id]);
  }

  /** Records the routing of a held-back signal and the rules' decision about it. */
  async recordRouting(
    tx: EntityManager,
    id: string,
    routing: {
      municipality: string;
      caseId: string;
      decision: RuleDecision;
      status: SignalStatus;
      reason: 'MANUAL' | 'MANUAL_OVERRIDE';
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE signal SET routing = 'ROUTED', routing_reason = $9, municipality = $2, case_id = $3,
                decision = $4, decision_reason = $5, rule_id = $6, rule_version = $7, status = $8
         WHERE id = $1`,
      [
        id,
        routing.municipality,
        routing.caseId,
        routing.decision.outcome,
        routing.decision.reason,
        routing.decision.ruleId,
        routing.decision.ruleVersion,
        routing.status,
        routing.reason,
      ],
    );
  }

  /**
   * Deletes up to `limit` unrouted signals received before `cutoff`, oldest first, skipping rows
   * another transaction holds; returns what was deleted with its payload hash (hex).
   */
  async deleteUnroutedBefore(
    tx: EntityManager,
    cutoff: Date,
    limit: number,
  ): Promise<Array<TellableSignal & { payloadHex: string }>> {
    const rows: Array<RawTellable & { payload: string }> = await tx.query(
      // A CTE, so the driver hands back the deleted rows as a plain result set.
      `WITH gone AS (
               DELETE FROM signal WHERE id IN (
                 SELECT id FROM signal WHERE routing = 'UNROUTED' AND received_at < $1
                 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
               RETURNING id, creditor_id, creditor_signal_ref, encode(payload_sha256, 'hex') AS payload)
             SELECT * FROM gone`,
      [cutoff, limit],
    );
    return rows.map((r) => ({ ...toTellable(r), payloadHex: r.payload }));
  }
}

interface RawTellable {
  id: string;
  creditor_id: string;
  creditor_signal_ref: string;
}

function toTellable(r: RawTellable): TellableSignal {
  return { id: r.id, creditorId: r.creditor_id, creditorSignalRef: r.creditor_signal_ref };
}

/** The stored (minimised) signal in domain terms: everything the rules read is kept on the row. */
function signalFromRow(row: Record<string, never>): NormalisedSignal {
  const text = (value: string | null) => value ?? '';
  return {
    creditorSignalRef: row.creditor_signal_ref,
    kind: row.kind,
    sector: row.sector,
    signalDate: row.signal_date,
    sentAt: row.sent_at,
    initials: text(row.initials),
    firstNames: text(row.first_names),
    surnamePrefix: text(row.surname_prefix),
    surname: row.surname,
    birthDate: text(row.birth_date),
    phone: text(row.phone),
    email: text(row.email),
    bsn: null,
    postcode: row.postcode,
    houseNumber: row.house_number,
    houseLetter: text(row.house_letter),
    houseNumberAddition: text(row.house_number_addition),
    street: text(row.street),
    place: text(row.place),
    amountCents: BigInt(row.amount_cents),
    arrearsSince: row.arrears_since,
    customerNumber: text(row.customer_number),
    supplyEndDate: text(row.supply_end_date),
    personalContactAttempted: row.personal_contact_attempted,
    referredToDebtHelp: row.referred_to_debt_help,
    reminderSentOn: text(row.reminder_sent_on),
    objectionOffered: row.objection_offered,
    objectionReceived: row.objection_received,
    crisis: row.crisis,
    warmHandover: row.warm_handover,
    householdKey: row.household_key,
  };
}
