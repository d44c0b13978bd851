import { Injectable } from '@nestjs/common';
import type { ProcessingActivityCode } from '@signaalhub/domain';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ACTIVITY_OF_ACTION, type AuditAction } from './audit-activity.js';
import { AuditRepository } from './audit.repository.js';
import { currentRequestId } from './request-context.js';

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectIds: string[];
  detail?: Record<string, unknown>;
  /** The processing activity, when it is not the action's own (see ACTIVITY_OF_ACTION). */
  activity?: ProcessingActivityCode;
  /** The request the entry belongs to, when it is not the one being handled. */
  requestId?: string | null;
}

/**
 * Every access to personal data leaves a row here (DOMAIN.md "Privacy"): who, in which role and
 * municipality, did what to which records, under which processing activity, in which request. Rows
 * hold ids, never the personal data itself, and are hash-chained per municipality.
 */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * With `tx`, the row commits (or rolls back) with the change it records: no change goes unaudited.
   * Record last in the transaction: appending holds the municipality's chain until the commit.
   */
  async record(principal: Principal, entry: AuditEntry, tx?: EntityManager): Promise<void> {
    await this.repository.insert(
      {
        actor: principal.subject,
        actorRole: principal.roles.join(','),
        municipality: principal.municipality,
        activity: entry.activity ?? ACTIVITY_OF_ACTION[entry.action],
        action: entry.action,
        subjectType: entry.subjectType,
        subjectIds: entry.subjectIds,
        detail: entry.detail ?? {},
        requestId: entry.requestId === undefined ? currentRequestId() : entry.requestId,
      },
      tx,
    );
  }
}
