import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';
import type { CaseEvent, CaseEventDetail, CaseEventKind, NewCaseEvent } from './case-event.js';

interface CaseEventRow {
  id: string;
  case_id: string;
  municipality: string;
  kind: CaseEventKind;
  occurred_at: Date;
  occurred_key: string;
  actor: string | null;
  detail: CaseEventDetail;
}

/** The channel the case_event trigger notifies on when events commit (migration 1732830000000). */
export const CASE_EVENTS_CHANNEL = 'signaalhub_case_events';

/**
 * Subscribes a dedicated connection to the case-event notifications. Not on the pool: a LISTEN
 * lives as long as its connection, which the listener owns.
 */
export async function listenForCaseEvents(client: { query(sql: string): Promise<unknown> }): Promise<void> {
  await client.query(`LISTEN ${CASE_EVENTS_CHANNEL}`);
}

/** `case_event`: the change log of every case. Written inside the transaction of the change itself. */
@Injectable()
export class CaseEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(tx: EntityManager, events: NewCaseEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO case_event (case_id, municipality, kind, actor, detail)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [
        events.map((e) => e.caseId),
        events.map((e) => e.municipality),
        events.map((e) => e.kind),
        events.map((e) => e.actor),
        events.map((e) => JSON.stringify(e.detail ?? {})),
      ],
    );
  }

  /** One SIGNAL_ADDED per stored signal, in one statement: cheap enough for every ingest batch. */
  async signalsAdded(
    tx: EntityManager,
    signals: ReadonlyArray<{ id: string; caseId: string; municipality: string }>,
  ): Promise<void> {
    if (signals.length === 0) return;
    await tx.query(
      `${sqlTag(SQL_TAGS.signalAddedEvents)}INSERT INTO case_event (case_id, municipality, kind, detail)
       SELECT case_id, municipality, 'SIGNAL_ADDED', jsonb_build_object('signalId', signal_id)
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS s(case_id, municipality, signal_id)`,
      [signals.map((s) => s.caseId), signals.map((s) => s.municipality), signals.map((s) => s.id)],
    );
  }

  /** The case's events in the municipality, in the order they happened, after the keyset position; at most `limit`. */
  async page(
    caseId: string,
    municipality: string,
    after: { occurredAt: string; id: string } | null,
    limit: number,
  ): Promise<CaseEvent[]> {
    const params: unknown[] = [caseId, municipality];
    let afterSql = '';
    if (after) {
      params.push(after.occurredAt, after.id);
      afterSql = `AND (occurred_at, id) > ($3::timestamptz, $4::bigint)`;
    }
    params.push(limit);
    const rows: CaseEventRow[] = await this.dataSource.query(
      `SELECT id, case_id, municipality, kind, occurred_at, occurred_at::text AS occurred_key, actor, detail
       FROM case_event
       WHERE case_id = $1 AND municipality = $2 ${afterSql} ORDER BY occurred_at, id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      caseId: r.case_id,
      municipality: r.municipality.trim(),
      kind: r.kind,
      occurredAt: r.occurred_at,
      position: r.occurred_key,
      actor: r.actor,
      detail: r.detail,
    }));
  }
}
