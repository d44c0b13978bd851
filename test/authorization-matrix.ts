// Who may call which root field of the hub's GraphQL API: one entry per query, mutation and
// subscription. test/authorization-matrix.e2e-spec.ts asserts every entry against a real hub for
// every role, and fails for a root field of the schema that has no entry here, so each new field
// needs a decision about who may call it.
//
// Sources: ARCHITECTURE.md "GraphQL" (which roles use which fields) and DOMAIN.md "Privacy"
// (need-to-know per municipality): personal data of a municipality's cases is for its workers and
// team leads; its privacy officer sees the audit trail and answers a data subject's requests; the
// operator runs the registry of creditors and sees hub-wide aggregates, never a person's name.

export type Role = 'worker' | 'team_lead' | 'privacy_officer' | 'operator' | 'creditor';

/**
 * `municipality`: the field reads or changes data of the caller's municipality only. A caller of an
 * allowed role from another municipality either gets `foreign` (an object of another municipality
 * named in the arguments) or an answer without any of the other municipality's data.
 * `hub`: the field concerns the hub as a whole (the creditor registry, unrouted signals, hub-wide
 * aggregates); it holds no personal data of a municipality's cases.
 */
export type Scope = 'municipality' | 'hub';

export interface RootFieldAccess {
  operation: 'query' | 'mutation' | 'subscription';
  roles: readonly Role[];
  scope: Scope;
  /**
   * How a caller of an allowed role from another municipality is refused an object named in the
   * arguments: NOT_FOUND (its existence is not confirmed), FORBIDDEN, or an answer that simply holds
   * none of that municipality's data (lists, reports, creating something of one's own).
   */
  foreign?: 'NOT_FOUND' | 'FORBIDDEN' | 'NO_DATA';
}

export const AUTHORIZATION_MATRIX: Readonly<Record<string, RootFieldAccess>> = {
  // Queries
  auditLog: { operation: 'query', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NO_DATA' },
  auditLogCsv: { operation: 'query', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NO_DATA' },
  case: { operation: 'query', roles: ['worker', 'team_lead'], scope: 'municipality', foreign: 'NOT_FOUND' },
  cases: { operation: 'query', roles: ['worker', 'team_lead'], scope: 'municipality', foreign: 'NO_DATA' },
  creditors: { operation: 'query', roles: ['operator'], scope: 'hub' },
  dataSharingReport: {
    operation: 'query',
    roles: ['privacy_officer', 'operator'],
    scope: 'municipality',
    foreign: 'NO_DATA',
  },
  ddasExport: { operation: 'query', roles: ['worker', 'team_lead'], scope: 'municipality', foreign: 'NO_DATA' },
  municipalityKpis: {
    operation: 'query',
    roles: ['worker', 'team_lead'],
    scope: 'municipality',
    foreign: 'NO_DATA',
  },
  retentionReport: {
    operation: 'query',
    roles: ['privacy_officer', 'operator'],
    scope: 'municipality',
    foreign: 'NO_DATA',
  },
  subjectAccess: { operation: 'query', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NO_DATA' },
  unroutedSignals: { operation: 'query', roles: ['operator'], scope: 'hub' },
  verifyAuditLog: {
    operation: 'query',
    roles: ['privacy_officer', 'operator'],
    scope: 'municipality',
    foreign: 'FORBIDDEN',
  },
  workQueues: { operation: 'query', roles: ['worker', 'team_lead'], scope: 'municipality', foreign: 'NO_DATA' },

  // Mutations
  addCaseNote: { operation: 'mutation', roles: ['worker'], scope: 'municipality', foreign: 'NOT_FOUND' },
  addCreditorKey: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  assignCase: { operation: 'mutation', roles: ['team_lead'], scope: 'municipality', foreign: 'NOT_FOUND' },
  closeCase: { operation: 'mutation', roles: ['worker'], scope: 'municipality', foreign: 'NOT_FOUND' },
  createWorkQueue: { operation: 'mutation', roles: ['team_lead'], scope: 'municipality', foreign: 'NO_DATA' },
  deleteWorkQueue: { operation: 'mutation', roles: ['team_lead'], scope: 'municipality', foreign: 'NOT_FOUND' },
  eraseSubject: { operation: 'mutation', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NO_DATA' },
  pickUpCase: { operation: 'mutation', roles: ['worker'], scope: 'municipality', foreign: 'NOT_FOUND' },
  recordContactAttempt: { operation: 'mutation', roles: ['worker'], scope: 'municipality', foreign: 'NOT_FOUND' },
  recordObjection: { operation: 'mutation', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NO_DATA' },
  rectifySubject: { operation: 'mutation', roles: ['privacy_officer'], scope: 'municipality', foreign: 'NOT_FOUND' },
  registerCreditor: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  revokeCreditorKey: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  routeSignal: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  setAgreement: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  setMunicipalityPolicy: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  setRetentionPolicy: { operation: 'mutation', roles: ['operator'], scope: 'hub' },
  transferCase: { operation: 'mutation', roles: ['worker'], scope: 'municipality', foreign: 'NOT_FOUND' },
  updateWorkQueue: { operation: 'mutation', roles: ['team_lead'], scope: 'municipality', foreign: 'NOT_FOUND' },

  // Subscriptions
  caseEvents: { operation: 'subscription', roles: ['worker'], scope: 'municipality', foreign: 'NO_DATA' },
};
