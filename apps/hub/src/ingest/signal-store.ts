import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { discloseRuleDecision, type PreviousSignal } from '@signaalhub/domain';
import { enqueueFeedback, feedbackEvent, type FeedbackEvent } from '../feedback/feedback-event.js';
import type { AcceptedSignal } from './signal-pipeline.js';

export interface StoreResult {
  stored: AcceptedSignal[];
  duplicates: number;
}

/** What a batch stores besides its accepted signals. */
export interface BatchRejections {
  feedback: FeedbackEvent[];
  securityEvents: SecurityEvent[];
}

const NO_REJECTIONS: BatchRejections = { feedback: [], securityEvents: [] };

/**
 * The registry changed (a key revoked, an agreement ended) after the batch was judged: it must be
 * judged again against the new registry before anything of it is stored.
 */
export class RegistryChangedError extends Error {
  override readonly name = 'RegistryChangedError';
}

/**
 * Stores a checked batch in one transaction: households, open cases and signals, by bulk
 * statements (unnest) rather than row by row. Correct when several hub instances store at once:
 * the unique constraints decide which household and which open case a signal joins.
 */
@Injectable()
export class SignalStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the accepted signals and queues the feedback of the whole batch (accepted and rejected)
   * in one transaction: feedback exists exactly when the decision it reports was committed.
   */
  async storeBatch(
    batch: AcceptedSignal[],
    rejections: BatchRejections = NO_REJECTIONS,
    judgedAt: { registryVersion: bigint } | null = null,
  ): Promise<StoreResult> {
    if (batch.length === 0 && rejections.feedback.length === 0 && rejections.securityEvents.length === 0) {
      return { stored: [], duplicates: 0 };
    }
    return this.dataSource.transaction(async (tx) => {
      if (judgedAt) await this.holdRegistryVersion(tx, judgedAt.registryVersion);
      const fresh = await this.withoutKnown(tx, batch);
      const routed = fresh.filter((s) => s.routing.kind === 'routed');
      const caseByHousehold = await this.openCases(tx, routed);
      await this.insertSignals(tx, fresh, caseByHousehold);
      await this.refreshCases(tx, [...new Set(caseByHousehold.values())]);
      await this.countDropped(tx, fresh);
      await this.recordSecurityEvents(tx, rejections.securityEvents);
      await enqueueFeedback(tx, [...fresh.flatMap(decisionFeedback), ...rejections.feedback]);
      return { stored: fresh, duplicates: batch.length - fresh.length };
    });
  }

  /**
   * Holds the registry at the version the batch was judged at until this transaction ends (FOR
   * SHARE: ingest transactions do not block each other, but a registry change waits for them), or
   * fails when it moved on. So no signal is stored under a key after its revocation committed.
   */
  private async holdRegistryVersion(tx: EntityManager, expected: bigint): Promise<void> {
    const [{ version }] = await tx.query(`SELECT version::text AS version FROM registry_version FOR SHARE`);
    if (BigInt(version) !== expected) throw new RegistryChangedError('the creditor registry changed during the batch');
  }

  /** The latest stored signal of each (creditor, reference): the arrears a new signal may repeat. */
  async previousSignals(
    keys: Array<{ creditorId: string; creditorSignalRef: string }>,
  ): Promise<Map<string, PreviousSignal>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      creditor_id: string;
      creditor_signal_ref: string;
      kind: string;
      amount_cents: string;
      signal_date: string;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (s.creditor_id, s.creditor_signal_ref)
                s.creditor_id, s.creditor_signal_ref, s.kind, s.amount_cents, s.signal_date
         FROM signal s JOIN unnest($1::text[], $2::text[]) AS k(creditor_id, ref)
           ON s.creditor_id = k.creditor_id AND s.creditor_signal_ref = k.ref
         ORDER BY s.creditor_id, s.creditor_signal_ref, s.signal_date DESC, s.received_at DESC, s.id DESC`,
      [keys.map((k) => k.creditorId), keys.map((k) => k.creditorSignalRef)],
    );
    return new Map(
      rows.map((r) => [
        arrearsKey(r.creditor_id, r.creditor_signal_ref),
        { kind: r.kind as PreviousSignal['kind'], amountCents: BigInt(r.amount_cents), signalDate: r.signal_date },
      ]),
    );
  }

  /** Per creditor and field, how many values data minimisation dropped (for the data-sharing report). */
  private async countDropped(tx: EntityManager, signals: AcceptedSignal[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const s of signals) {
      for (const field of s.dropped) {
        const key = `${s.creditorId}\u0000${field}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    if (counts.size === 0) return;
    const entries = [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, n]) => [...k.split('\u0000'), n]);
    await tx.query(
      `INSERT INTO minimisation_count (creditor_id, field, dropped)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (creditor_id, field) DO UPDATE
         SET dropped = minimisation_count.dropped + EXCLUDED.dropped, updated_at = now()`,
      [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])],
    );
  }

  /** A forged or misdirected message is a security event: who it claimed to be, where it was, why refused. */
  private async recordSecurityEvents(tx: EntityManager, events: SecurityEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO audit_event (actor, actor_role, action, subject_type, subject_id, detail)
       SELECT claimed, 'creditor', 'SECURITY_' || reason, 'kafka_message', position, jsonb_build_object('reason', reason)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS e(claimed, reason, position)`,
      [events.map((e) => e.claimedCreditorId), events.map((e) => e.reason), events.map((e) => e.position)],
    );
  }

  /**
   * Drops payloads this creditor delivered before (redelivery, producer retry) and repeats within the
   * batch. Per creditor: the same bytes from another creditor are that creditor's own signal, so
   * nobody can pre-empt someone else's signal by sending a copy first.
   */
  private async withoutKnown(tx: EntityManager, batch: AcceptedSignal[]): Promise<AcceptedSignal[]> {
    const unique = new Map<string, AcceptedSignal>();
    for (const s of batch) unique.set(deliveryKey(s.creditorId, s.payloadSha256.toString('hex')), s);
    const candidates = [...unique.values()];
    const rows: { creditor_id: string; h: string }[] = await tx.query(
      `SELECT s.creditor_id, encode(s.payload_sha256, 'hex') AS h
       FROM signal s JOIN unnest($1::text[], $2::bytea[]) AS k(creditor_id, payload_sha256)
         ON s.creditor_id = k.creditor_id AND s.payload_sha256 = k.payload_sha256`,
      [candidates.map((s) => s.creditorId), candidates.map((s) => s.payloadSha256)],
    );
    for (const row of rows) unique.delete(deliveryKey(row.creditor_id, row.h));
    return [...unique.values()];
  }

  /** Upserts the households and their open cases; returns the case id per `municipality|key`. */
  private async openCases(tx: EntityManager, routed: AcceptedSignal[]): Promise<Map<string, string>> {
    const households = new Map<string, AcceptedSignal>();
    for (const s of routed) households.set(addressKey(s), s);
    if (households.size === 0) return new Map();
    // A fixed lock order across instances: two batches touching the same households cannot deadlock.
    const ordered = [...households.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
    // New households are inserted; existing ones are only read, never locked or rewritten, so batches
    // of other instances that touch the same households do not wait on each other here.
    const inserted: HouseholdRow[] = await tx.query(
      `INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                              house_number_addition, street, place)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (municipality, household_key) DO NOTHING
       RETURNING id, municipality, household_key`,
      [
        ordered.map(municipalityOf),
        ordered.map((s) => s.signal.householdKey),
        ordered.map((s) => s.signal.postcode),
        ordered.map((s) => s.signal.houseNumber),
        ordered.map((s) => orNull(s.signal.houseLetter)),
        ordered.map((s) => orNull(s.signal.houseNumberAddition)),
        ordered.map((s) => orNull(s.signal.street)),
        ordered.map((s) => orNull(s.signal.place)),
      ],
    );
    const insertedKeys = new Set(inserted.map((r) => `${r.municipality.trim()}|${r.household_key}`));
    const existing = ordered.filter((s) => !insertedKeys.has(addressKey(s)));
    // A separate statement, so its snapshot also sees households another instance committed while
    // the insert above waited for it.
    const found: HouseholdRow[] = existing.length
      ? await tx.query(
          `SELECT h.id, h.municipality, h.household_key FROM household h
           JOIN unnest($1::text[], $2::text[]) AS k(municipality, household_key)
             ON h.municipality = k.municipality AND h.household_key = k.household_key`,
          [existing.map(municipalityOf), existing.map((s) => s.signal.householdKey)],
        )
      : [];
    const householdRows = [...inserted, ...found];
    const householdIds = householdRows
      .map((r) => ({ id: r.id, key: `${r.municipality.trim()}|${r.household_key}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const caseRows: { id: string; household_id: string }[] = await tx.query(
      `INSERT INTO signal_case (municipality, household_id)
       SELECT h.municipality, h.id FROM household h JOIN unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) ON h.id = x.id
       ORDER BY x.n
       ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
       RETURNING id, household_id`,
      [householdIds.map((h) => h.id)],
    );
    const caseOfHousehold = new Map(caseRows.map((r) => [r.household_id, r.id]));
    return new Map(householdIds.map((h) => [h.key, caseOfHousehold.get(h.id) as string]));
  }

  /**
   * The open case of a stored signal's household in `municipality` (household and case created when
   * missing), for a signal routed by hand. The same constraints decide as in `openCases`.
   */
  async openCaseForStoredSignal(tx: EntityManager, signalId: string, municipality: string): Promise<string> {
    await tx.query(
      `INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                              house_number_addition, street, place)
       SELECT $2, household_key, postcode, house_number, house_letter, house_number_addition, street, place
       FROM signal WHERE id = $1
       ON CONFLICT (municipality, household_key) DO NOTHING`,
      [signalId, municipality],
    );
    const [openCase] = await tx.query(
      `INSERT INTO signal_case (municipality, household_id)
       SELECT h.municipality, h.id FROM household h JOIN signal s ON s.household_key = h.household_key
       WHERE s.id = $1 AND h.municipality = $2
       ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
       RETURNING id`,
      [signalId, municipality],
    );
    return openCase.id as string;
  }

  private async insertSignals(tx: EntityManager, signals: AcceptedSignal[], cases: Map<string, string>): Promise<void> {
    if (signals.length === 0) return;
    const col = <T>(pick: (s: AcceptedSignal) => T) => signals.map(pick);
    await tx.query(
      `INSERT INTO signal (
         payload_sha256, creditor_id, creditor_signal_ref, kind, sector, signal_date, sent_at,
         routing, routing_reason, municipality, case_id, household_key,
         initials, first_names, surname_prefix, surname, birth_date, phone, email,
         postcode, house_number, house_letter, house_number_addition, street, place,
         amount_cents, arrears_since, customer_number, supply_end_date,
         personal_contact_attempted, referred_to_debt_help, reminder_sent_on, objection_offered, objection_received,
         crisis, warm_handover, source_topic, source_partition, source_offset,
         status, decision, decision_reason, rule_id, rule_version, key_id)
       SELECT * FROM unnest(
         $1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::timestamptz[],
         $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::text[], $17::date[], $18::text[], $19::text[],
         $20::text[], $21::int[], $22::text[], $23::text[], $24::text[], $25::text[],
         $26::bigint[], $27::date[], $28::text[], $29::date[],
         $30::bool[], $31::bool[], $32::date[], $33::bool[], $34::bool[],
         $35::bool[], $36::bool[], $37::text[], $38::int[], $39::bigint[],
         $40::text[], $41::text[], $42::text[], $43::text[], $44::text[], $45::text[])
       ON CONFLICT (creditor_id, payload_sha256) DO NOTHING`,
      [
        col((s) => s.payloadSha256),
        col((s) => s.creditorId),
        col((s) => s.signal.creditorSignalRef),
        col((s) => s.signal.kind),
        col((s) => s.signal.sector),
        col((s) => s.signal.signalDate),
        col((s) => s.signal.sentAt),
        col((s) => (s.routing.kind === 'routed' ? 'ROUTED' : 'UNROUTED')),
        col((s) => (s.routing.kind === 'unrouted' ? s.routing.reason : null)),
        col((s) => (s.routing.kind === 'routed' ? s.routing.municipality : null)),
        col((s) => (s.routing.kind === 'routed' ? (cases.get(addressKey(s)) ?? null) : null)),
        col((s) => s.signal.householdKey),
        col((s) => orNull(s.signal.initials)),
        col((s) => orNull(s.signal.firstNames)),
        col((s) => orNull(s.signal.surnamePrefix)),
        col((s) => s.signal.surname),
        col((s) => orNull(s.signal.birthDate)),
        col((s) => orNull(s.signal.phone)),
        col((s) => orNull(s.signal.email)),
        col((s) => s.signal.postcode),
        col((s) => s.signal.houseNumber),
        col((s) => orNull(s.signal.houseLetter)),
        col((s) => orNull(s.signal.houseNumberAddition)),
        col((s) => orNull(s.signal.street)),
        col((s) => orNull(s.signal.place)),
        col((s) => s.signal.amountCents.toString()),
        col((s) => s.signal.arrearsSince),
        col((s) => orNull(s.signal.customerNumber)),
        col((s) => orNull(s.signal.supplyEndDate)),
        col((s) => s.signal.personalContactAttempted),
        col((s) => s.signal.referredToDebtHelp),
        col((s) => orNull(s.signal.reminderSentOn)),
        col((s) => s.signal.objectionOffered),
        col((s) => s.signal.objectionReceived),
        col((s) => s.signal.crisis),
        col((s) => s.signal.warmHandover),
        col((s) => s.source.topic),
        col((s) => s.source.partition),
        col((s) => s.source.offset),
        col((s) => s.status),
        col((s) => s.decision?.outcome ?? 'PENDING_ROUTING'),
        col((s) => s.decision?.reason ?? null),
        col((s) => s.decision?.ruleId ?? null),
        col((s) => s.decision?.ruleVersion ?? null),
        col((s) => s.keyId),
      ],
    );
  }

  /**
   * Recomputes the case figures from its signals. The case upsert above holds the case row lock
   * until commit, so a concurrent batch for the same case waits and then sees these signals.
   */
  async refreshCases(tx: EntityManager, caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await tx.query(
      `WITH latest AS (
         SELECT DISTINCT ON (case_id, creditor_id, creditor_signal_ref) case_id, amount_cents
         FROM signal WHERE case_id = ANY($1::uuid[])
         ORDER BY case_id, creditor_id, creditor_signal_ref, signal_date DESC, received_at DESC, id DESC
       ), totals AS (
         -- sum() of bigint is numeric: capped, the figure can never overflow the column and fail
         -- the batch, whatever was stored before amounts were bounded.
         SELECT case_id, LEAST(sum(amount_cents), 9223372036854775807)::bigint AS total FROM latest GROUP BY case_id
       ), figures AS (
         SELECT case_id, count(DISTINCT creditor_id) AS creditors, count(*) AS signals,
                array_agg(DISTINCT sector ORDER BY sector) AS sectors,
                min(signal_date) AS first_date, max(signal_date) AS last_date
         FROM signal WHERE case_id = ANY($1::uuid[]) GROUP BY case_id
       )
       UPDATE signal_case c SET creditor_count = f.creditors, signal_count = f.signals,
              total_amount_cents = t.total, sectors = f.sectors,
              first_signal_date = f.first_date, last_signal_date = f.last_date, updated_at = now()
       FROM figures f JOIN totals t USING (case_id)
       WHERE c.id = f.case_id`,
      [caseIds],
    );
  }
}

interface HouseholdRow {
  id: string;
  municipality: string;
  household_key: string;
}

export interface SecurityEvent {
  /** The creditor id the message claimed; not proven. */
  claimedCreditorId: string;
  reason: string;
  /** `topic/partition/offset` of the message. */
  position: string;
}

function deliveryKey(creditorId: string, payloadHex: string): string {
  return `${creditorId}\u0000${payloadHex}`;
}

export function arrearsKey(creditorId: string, creditorSignalRef: string): string {
  return `${creditorId}\u0000${creditorSignalRef}`;
}

/**
 * What the creditor may learn of the decision (disclosure rules). Keyed on the payload, not the
 * offset: a producer retry of the same signal is told once. Unrouted signals are told once routed.
 */
export function decisionFeedback(s: AcceptedSignal): FeedbackEvent[] {
  if (!s.decision) return [];
  return [
    feedbackEvent(
      s.payloadSha256.toString('hex'),
      { creditorId: s.creditorId, creditorSignalRef: s.signal.creditorSignalRef },
      discloseRuleDecision(s.decision),
    ),
  ];
}

/** The wire's '' for "not given" is NULL in the database. */
function orNull(value: string): string | null {
  return value === '' ? null : value;
}

function municipalityOf(s: AcceptedSignal): string {
  return s.routing.kind === 'routed' ? s.routing.municipality : '';
}

function addressKey(s: AcceptedSignal): string {
  return `${municipalityOf(s)}|${s.signal.householdKey}`;
}
