import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectIds: string[];
  detail?: Record<string, unknown>;
}

/**
 * Every access to personal data leaves a row here (DOMAIN.md "Privacy"): who, in which role and
 * municipality, did what to which records. Rows hold ids, never the personal data itself.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** With `tx`, the row commits (or rolls back) with the change it records: no change goes unaudited. */
  async record(principal: Principal, entry: AuditEntry, tx?: EntityManager): Promise<void> {
    if (entry.subjectIds.length === 0) return;
    await (tx ?? this.dataSource).query(
      `INSERT INTO audit_event (actor, actor_role, municipality, action, subject_type, subject_id, detail)
       SELECT $1, $2, $3, $4, $5, unnest($6::text[]), $7::jsonb`,
      [
        principal.subject,
        principal.roles.join(','),
        principal.municipality,
        entry.action,
        entry.subjectType,
        entry.subjectIds,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }
}
