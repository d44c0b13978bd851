import { Injectable } from '@nestjs/common';
import { processingActivity } from '@signaalhub/domain';
import { AuditRepository, type AuditLogQuery, type StoredEntry } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { AuditVerifier } from './audit-verifier.js';
import { auditCsv } from './audit-csv.js';
import type {
  AuditEntryConnectionType,
  AuditEntryType,
  AuditLogCsvArgs,
  AuditLogArgs,
  AuditLogFilter,
  AuditVerificationType,
  VerifyAuditLogArgs,
} from './dto/audit-log.types.js';

const CURSOR = /^[1-9]\d{0,18}$/;
const CSV_BATCH = 500;

/**
 * The privacy officer's view of the audit trail: their own municipality's chain only. Reading,
 * exporting and verifying the log are themselves audited.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly audit: AuditService,
    private readonly verifier: AuditVerifier,
  ) {}

  async page(principal: Principal, args: AuditLogArgs): Promise<AuditEntryConnectionType> {
    const chain = officerChain(principal);
    const query = toQuery(chain, args.filter);
    const rows = await this.entries.page({ ...query, beforeSequence: decodeAuditCursor(args.after) }, args.first + 1);
    const page = rows.slice(0, args.first);
    await this.audit.record(principal, {
      action: 'AUDIT_LOG_READ',
      subjectType: 'audit_log',
      subjectIds: [chain],
      detail: { filter: describeFilter(args.filter), entryIds: page.map((e) => e.id) },
    });
    return {
      edges: page.map((e) => ({ cursor: encodeAuditCursor(e.sequence), node: toType(e) })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? encodeAuditCursor(page[page.length - 1]!.sequence) : null,
      },
    };
  }

  /** The same filter as {@link page}, as CSV text, newest first, at most `maxRows` rows. */
  async csv(principal: Principal, args: AuditLogCsvArgs): Promise<string> {
    const chain = officerChain(principal);
    const query = toQuery(chain, args.filter);
    const rows: StoredEntry[] = [];
    let before: bigint | null = null;
    while (rows.length < args.maxRows) {
      const batch = await this.entries.page(
        { ...query, beforeSequence: before },
        Math.min(CSV_BATCH, args.maxRows - rows.length),
      );
      rows.push(...batch);
      if (batch.length === 0 || rows.length >= args.maxRows) break;
      before = batch[batch.length - 1]!.sequence;
    }
    await this.audit.record(principal, {
      action: 'AUDIT_LOG_EXPORTED',
      subjectType: 'audit_log',
      subjectIds: [chain],
      detail: { filter: describeFilter(args.filter), rows: rows.length },
    });
    return auditCsv(rows.map(toType));
  }

  /** Officers verify their own municipality; an operator any chain (the result holds no personal data). */
  async verify(principal: Principal, args: VerifyAuditLogArgs): Promise<AuditVerificationType> {
    const own = principal.roles.includes('privacy_officer') && principal.municipality === args.municipality;
    if (!own && !principal.roles.includes('operator')) {
      throw new HubException('FORBIDDEN', 'Only the audit log of your own municipality');
    }
    checkPeriod(args.from, args.to);
    const report = await this.verifier.verify(args.municipality, args.from ?? null, args.to ?? null);
    await this.audit.record(principal, {
      action: 'AUDIT_LOG_VERIFIED',
      subjectType: 'audit_log',
      subjectIds: [args.municipality],
      detail: {
        from: args.from?.toISOString() ?? null,
        to: args.to?.toISOString() ?? null,
        ok: report.ok,
        firstBrokenSequence: report.firstBrokenSequence?.toString() ?? null,
      },
    });
    return {
      municipality: args.municipality,
      ok: report.ok,
      entries: report.entries,
      firstBrokenSequence: report.firstBrokenSequence?.toString() ?? null,
      firstBrokenEntryId: report.firstBrokenEntryId,
      reason: report.reason,
    };
  }
}

/** The chain a privacy officer may read: their municipality's. Operators see aggregates only. */
function officerChain(principal: Principal): string {
  if (!principal.roles.includes('privacy_officer') || !principal.municipality) {
    throw new HubException('FORBIDDEN', 'Only privacy officers read the audit log of their municipality');
  }
  return principal.municipality;
}

function checkPeriod(from: Date | null | undefined, to: Date | null | undefined): void {
  if (from && to && from.getTime() >= to.getTime())
    throw new HubException('BAD_USER_INPUT', '`from` must be before `to`');
}

function toQuery(chain: string, filter: AuditLogFilter | null | undefined): Omit<AuditLogQuery, 'beforeSequence'> {
  const f = filter ?? {};
  if (f.caseId && (f.subjectType || f.subjectId)) {
    throw new HubException('BAD_USER_INPUT', 'Filter on caseId or on subjectType/subjectId, not both');
  }
  checkPeriod(f.from, f.to);
  return {
    chain,
    actor: f.actor ?? null,
    subjectType: f.caseId ? 'case' : (f.subjectType ?? null),
    subjectId: f.caseId ?? f.subjectId ?? null,
    activity: f.activity ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}

/** The filter as the audit entry keeps it: which conditions, not free text of the officer's. */
function describeFilter(filter: AuditLogFilter | null | undefined): Record<string, unknown> {
  const f = filter ?? {};
  return {
    actor: f.actor ?? null,
    caseId: f.caseId ?? null,
    subjectType: f.subjectType ?? null,
    subjectId: f.subjectId ?? null,
    activity: f.activity ?? null,
    from: f.from?.toISOString() ?? null,
    to: f.to?.toISOString() ?? null,
  };
}

export function encodeAuditCursor(sequence: bigint): string {
  return Buffer.from(sequence.toString()).toString('base64url');
}

export function decodeAuditCursor(cursor: string | null | undefined): bigint | null {
  if (cursor === null || cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CURSOR.test(text)) throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
  return BigInt(text);
}

function toType(e: StoredEntry): AuditEntryType {
  return {
    id: e.id,
    sequence: e.sequence.toString(),
    occurredAt: e.occurredAt,
    actor: e.actor,
    actorRole: e.actorRole,
    municipality: e.municipality,
    activity: e.activity as AuditEntryType['activity'],
    legalBasis: processingActivity(e.activity)?.legalBasis ?? 'unknown activity',
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    detail: JSON.stringify(e.detail),
    requestId: e.requestId,
    previousHash: e.previousHash,
    hash: e.hash,
  };
}
