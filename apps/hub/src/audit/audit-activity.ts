import type { ProcessingActivityCode } from '@signaalhub/domain';

/**
 * The processing activity (AVG art. 30 register) each audited action belongs to; its legal basis is
 * the register's. Typed: an action missing here does not compile, so no entry goes without one.
 */
export const ACTIVITY_OF_ACTION = {
  CASES_LISTED: 'WORK_CASE',
  CASE_VIEWED: 'WORK_CASE',
  CASE_PICKED_UP: 'WORK_CASE',
  CASE_CLOSED: 'WORK_CASE',
  CASE_TRANSFERRED: 'WORK_CASE',
  CASE_TRANSFERRED_IN: 'WORK_CASE',
  CASE_ASSIGNED: 'WORK_CASE',
  CASE_UNASSIGNED: 'WORK_CASE',
  CASE_NOTE_ADDED: 'WORK_CASE',
  CASE_NOTES_VIEWED: 'WORK_CASE',
  CONTACT_ATTEMPT_RECORDED: 'WORK_CASE',
  WORK_QUEUE_CREATED: 'WORK_CASE',
  WORK_QUEUE_CHANGED: 'WORK_CASE',
  WORK_QUEUE_DELETED: 'WORK_CASE',
  DDAS_EXPORTED: 'REPORT_MONITOR',
  AGREEMENT_SET: 'OPERATE_REGISTRY',
  CREDITORS_LISTED: 'OPERATE_REGISTRY',
  CREDITOR_REGISTERED: 'OPERATE_REGISTRY',
  CREDITOR_KEY_ADDED: 'OPERATE_REGISTRY',
  CREDITOR_KEY_REVOKED: 'OPERATE_REGISTRY',
  MUNICIPALITY_POLICY_SET: 'OPERATE_REGISTRY',
  SIGNAL_ROUTED_MANUALLY: 'OPERATE_REGISTRY',
  UNROUTED_SIGNALS_LISTED: 'OPERATE_REGISTRY',
  UNROUTED_SIGNAL_PURGED: 'OPERATE_REGISTRY',
  AUDIT_LOG_READ: 'SUPERVISE_PRIVACY',
  AUDIT_LOG_EXPORTED: 'SUPERVISE_PRIVACY',
  AUDIT_LOG_VERIFIED: 'SUPERVISE_PRIVACY',
  RETENTION_POLICY_SET: 'SUPERVISE_PRIVACY',
  RETENTION_PURGED: 'SUPERVISE_PRIVACY',
  SUBJECT_ACCESS: 'SUPERVISE_PRIVACY',
  SUBJECT_RECTIFIED: 'SUPERVISE_PRIVACY',
  SUBJECT_ERASED: 'SUPERVISE_PRIVACY',
  SUBJECT_OBJECTION_RECORDED: 'SUPERVISE_PRIVACY',
  /** A read of declared personal fields; its activity follows the reader's role (see activityOfReader). */
  PERSONAL_DATA_READ: 'WORK_CASE',
} as const satisfies Record<string, ProcessingActivityCode>;

export type AuditAction = keyof typeof ACTIVITY_OF_ACTION;

/** The activity under which a principal with these roles reads personal data. */
export function activityOfReader(roles: readonly string[]): ProcessingActivityCode {
  if (roles.includes('worker') || roles.includes('team_lead')) return 'WORK_CASE';
  if (roles.includes('privacy_officer')) return 'SUPERVISE_PRIVACY';
  if (roles.includes('operator')) return 'OPERATE_REGISTRY';
  return 'INFORM_CREDITOR';
}

/** Entries without a municipality (operators, refused messages) form one chain of their own. */
export const HUB_CHAIN = 'HUB';
