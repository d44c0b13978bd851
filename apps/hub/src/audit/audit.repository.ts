import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';

/** One audit row per subject id: who, in which role and municipality, did what. */
export interface AuditRow {
  actor: string;
  actorRole: string;
  municipality: string | null;
  action: string;
  subjectType: string;
  subjectIds: string[];
  detail: Record<string, unknown>;
}

/** A forged or misdirected message: who it claimed to be, where it was, why it was refused. */
export interface SecurityEvent {
  /** The creditor id the message claimed; not proven. */
  claimedCreditorId: string;
  reason: string;
  /** `topic/partition/offset` of the message. */
  position: string;
}

/** `audit_event`: append-only (a trigger refuses UPDATE and DELETE), so this only inserts. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** With `tx`, the rows commit (or roll back) with the change they record. */
  async insert(row: AuditRow, tx?: EntityManager): Promise<void> {
    if (row.subjectIds.length === 0) return;
    await (tx ?? this.dataSource).query(
      `INSERT INTO audit_event (actor, actor_role, municipality, action, subject_type, subject_id, detail)
       SELECT $1, $2, $3, $4, $5, unnest($6::text[]), $7::jsonb`,
      [
        row.actor,
        row.actorRole,
        row.municipality,
        row.action,
        row.subjectType,
        row.subjectIds,
        JSON.stringify(row.detail),
      ],
    );
  }

  /** Security events of refused messages, as `SECURITY_<reason>` rows of the claimed creditor. */
  async insertSecurityEvents(events: SecurityEvent[], tx?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await (tx ?? this.dataSource).query(
      `${sqlTag(SQL_TAGS.securityAudit)}INSERT INTO audit_event (actor, actor_role, action, subject_type, subject_id, detail)
       SELECT claimed, 'creditor', 'SECURITY_' || reason, 'kafka_message', position, jsonb_build_object('reason', reason)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS e(claimed, reason, position)`,
      [events.map((e) => e.claimedCreditorId), events.map((e) => e.reason), events.map((e) => e.position)],
    );
  }
}
