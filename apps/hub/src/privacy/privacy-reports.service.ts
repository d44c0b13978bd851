import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_RETENTION_POLICY,
  dutchDateOf,
  PROCESSING_ACTIVITIES,
  reportingPeriod,
  type RetentionPolicy,
} from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { checkMunicipality } from '../creditors/creditor-input.js';
import { HubException } from '../errors/hub-exception.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import { DataSharingRepository, type DataSharingCounts, type DataSharingGroupBy } from './data-sharing.repository.js';
import type {
  DataSharingReportType,
  DataSharingRowType,
  RetentionPolicyType,
  RetentionReportType,
} from './dto/privacy-report.types.js';
import { ReportScopeValue, RetentionKindValue } from './dto/privacy-report.types.js';
import { reportScope, scopeMunicipality } from './report-scope.js';
import { dueBy } from './retention-plan.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/** The privacy officer's reports: aggregates and ids only, never a person's data. */
@Injectable()
export class PrivacyReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sharing: DataSharingRepository,
    private readonly retention: RetentionRepository,
    private readonly retentionRuns: RetentionService,
    private readonly audit: AuditService,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  async dataSharingReport(
    principal: Principal,
    from: string,
    to: string,
    groupBy: DataSharingGroupBy,
  ): Promise<DataSharingReportType> {
    const scope = reportScope(principal);
    const period = reportingPeriod(from, to);
    if (!period.ok) throw new HubException('BAD_USER_INPUT', period.problem);
    const municipality = scopeMunicipality(scope);
    const counts = await this.sharing.counts(municipality, from, to, groupBy);
    const creditors = await this.sharing.recipients(municipality, from, to);
    const policy = municipality === null ? null : await this.policyOf(municipality);
    const { rows, totals } = dataSharingRows(counts);
    return {
      scope: scope.kind as ReportScopeValue,
      municipality,
      from,
      to,
      groupBy: groupBy as DataSharingReportType['groupBy'],
      rows,
      totals,
      register: PROCESSING_ACTIVITIES.map((activity) => ({
        ...activity,
        dataSubjects: [...activity.dataSubjects],
        personalData: [...activity.personalData],
        recipients: [...activity.recipients],
        retention:
          policy && (activity.code === 'RECEIVE_SIGNAL' || activity.code === 'WORK_CASE')
            ? `signals never picked up: ${policy.unpickedSignalMonths} months after the latest signal; closed cases: ${policy.closedCaseMonths} months after closing; then only pseudonymised counts`
            : activity.retention,
        currentRecipients: currentRecipients(activity.code, municipality, creditors),
      })),
      retentionPolicy: policy,
    };
  }

  async retentionReport(principal: Principal, first: number, after: string | null): Promise<RetentionReportType> {
    const scope = reportScope(principal);
    const municipality = scopeMunicipality(scope);
    if (after !== null && !/^[1-9][0-9]{0,17}$/.test(after)) throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
    const today = dutchDateOf(new Date());
    const schedule = await this.retentionRuns.schedule(municipality);
    const grouped = new Map<string, { kind: RetentionKindValue; dueOn: string; count: number }>();
    for (const d of schedule) {
      const key = `${d.kind}|${d.dueOn}`;
      const entry = grouped.get(key) ?? { kind: d.kind as RetentionKindValue, dueOn: d.dueOn, count: 0 };
      entry.count += 1;
      grouped.set(key, entry);
    }
    const runs = await this.retention.runs(municipality, after, first + 1);
    const page = runs.slice(0, first);
    return {
      scope: scope.kind as ReportScopeValue,
      municipality,
      today,
      policy: municipality === null ? null : await this.policyOf(municipality),
      overdue: dueBy(schedule, today).length,
      due: [...grouped.values()].sort((a, b) =>
        a.dueOn === b.dueOn ? a.kind.localeCompare(b.kind) : a.dueOn < b.dueOn ? -1 : 1,
      ),
      runs: {
        edges: page.map((r) => ({
          cursor: r.id,
          node: {
            id: r.id,
            // The hub-wide view adds up, it does not name municipalities.
            municipality: municipality === null ? null : r.municipality,
            startedAt: r.startedAt,
            finishedAt: r.finishedAt,
            actor: r.actor,
            policy: { ...r.policy, isDefault: false },
            casesPurged: r.cases,
            signalsPurged: r.signals,
            householdsPurged: r.households,
            notesDeleted: r.notes,
          },
        })),
        hasNextPage: runs.length > first,
        endCursor: page.length > 0 ? page[page.length - 1].id : null,
      },
    };
  }

  /** Operator: a municipality's retention terms; audited. */
  async setRetentionPolicy(
    principal: Principal,
    input: { municipality: string } & RetentionPolicy,
  ): Promise<RetentionPolicyType & { municipality: string }> {
    const municipality = checkMunicipality(input.municipality, this.reference);
    const policy = { unpickedSignalMonths: input.unpickedSignalMonths, closedCaseMonths: input.closedCaseMonths };
    await this.dataSource.transaction(async (tx) => {
      await this.retention.setPolicy(municipality, policy, principal.subject, tx);
      await this.audit.record(
        principal,
        { action: 'RETENTION_POLICY_SET', subjectType: 'municipality', subjectIds: [municipality], detail: policy },
        tx,
      );
    });
    return { municipality, ...policy, isDefault: false };
  }

  private async policyOf(municipality: string): Promise<RetentionPolicyType> {
    const own = (await this.retention.policies()).get(municipality);
    return own ? { ...own, isDefault: false } : { ...DEFAULT_RETENTION_POLICY, isDefault: true };
  }
}

/** Who receives an activity's data now, from the agreements in force. */
function currentRecipients(code: string, municipality: string | null, creditors: string[]): string[] {
  switch (code) {
    case 'RECEIVE_SIGNAL':
    case 'WORK_CASE':
      return municipality === null ? [] : [municipality];
    case 'INFORM_CREDITOR':
      return creditors;
    case 'REPORT_MONITOR':
      return ['CBS'];
    default:
      return [];
  }
}

/** Merges the sources into one row per key, and the period's totals. */
export function dataSharingRows(counts: DataSharingCounts): { rows: DataSharingRowType[]; totals: DataSharingRowType } {
  const rows = new Map<string | null, DataSharingRowType>();
  const empty = (key: string | null): DataSharingRowType => ({
    key,
    received: 0,
    stored: 0,
    accepted: 0,
    refused: 0,
    refusedByReason: [],
    droppedFields: [],
    feedbackByKind: [],
  });
  const totals = empty(null);
  const row = (key: string | null) => {
    const existing = rows.get(key);
    if (existing) return existing;
    const made = empty(key);
    rows.set(key, made);
    return made;
  };
  const addLabel = (list: Array<{ label: string; count: number }>, label: string, count: number) => {
    const entry = list.find((e) => e.label === label);
    if (entry) entry.count += count;
    else list.push({ label, count });
  };
  for (const s of counts.stored) {
    for (const r of [row(s.key), totals]) {
      r.stored += s.stored;
      r.accepted += s.accepted;
      r.received += s.stored;
    }
  }
  for (const s of counts.refused) {
    for (const r of [row(s.key), totals]) {
      r.refused += s.count;
      r.received += s.count;
      addLabel(r.refusedByReason, s.label ?? 'UNKNOWN', s.count);
    }
  }
  for (const s of counts.dropped) {
    for (const r of [row(s.key), totals]) addLabel(r.droppedFields, s.label ?? 'UNKNOWN', s.count);
  }
  for (const f of counts.feedback) {
    for (const r of [row(f.key), totals]) {
      const entry = r.feedbackByKind.find((e) => e.status === f.status && e.reasonCode === f.reasonCode);
      if (entry) entry.count += f.count;
      else r.feedbackByKind.push({ status: f.status, reasonCode: f.reasonCode, count: f.count });
    }
  }
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const sorted = [...rows.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  for (const r of [...sorted, totals]) {
    r.refusedByReason.sort(byLabel);
    r.droppedFields.sort(byLabel);
    r.feedbackByKind.sort((a, b) =>
      `${a.status}|${a.reasonCode ?? ''}`.localeCompare(`${b.status}|${b.reasonCode ?? ''}`),
    );
  }
  return { rows: sorted, totals };
}
