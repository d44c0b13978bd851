import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { AuditRepository } from './audit.repository.js';

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
  constructor(private readonly repository: AuditRepository) {}

  /** With `tx`, the row commits (or rolls back) with the change it records: no change goes unaudited. */
  async record(principal: Principal, entry: AuditEntry, tx?: EntityManager): Promise<void> {
    await this.repository.insert(
      {
        actor: principal.subject,
        actorRole: principal.roles.join(','),
        municipality: principal.municipality,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectIds: entry.subjectIds,
        detail: entry.detail ?? {},
      },
      tx,
    );
  }
}
