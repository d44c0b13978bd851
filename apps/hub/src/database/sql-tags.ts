// Tags for the ingest's hot-path statements, sent as a leading SQL comment: /* signaalhub:dedup */.
// PostgreSQL shows the comment in pg_stat_activity and in its log, so an operator or the ingest
// benchmark can tell which statement a busy backend runs without matching SQL text that changes.
// Only the ingest's statements carry one, and the names are stable: keep them so.
export const SQL_TAGS = {
  /** The registry version held for the store's transaction. */
  registryHold: 'registry-hold',
  /** Payloads this creditor delivered before. */
  dedup: 'dedup',
  /** The latest earlier signal of the same arrears, for the repeat rule. */
  previousSignals: 'previous-signals',
  householdInsert: 'household-insert',
  householdSelect: 'household-select',
  caseUpsert: 'case-upsert',
  signalInsert: 'signal-insert',
  signalAddedEvents: 'signal-added-events',
  /** The signals of the batch's cases, read once for their figures and urgency. */
  caseSignals: 'case-signals',
  caseRefresh: 'case-refresh',
  minimisationCount: 'minimisation-count',
  securityAudit: 'security-audit',
  feedbackOutbox: 'feedback-outbox',
  /** The outbox relay, which publishes the ingest's feedback next to it. */
  outboxRelaySelect: 'outbox-relay-select',
  outboxRelayUpdate: 'outbox-relay-update',
} as const;

export type SqlTag = (typeof SQL_TAGS)[keyof typeof SQL_TAGS];

const PREFIX = 'signaalhub:';
const TAGS: ReadonlySet<string> = new Set(Object.values(SQL_TAGS));
const LEADING_TAG = /^\s*\/\*\s*signaalhub:([a-z-]+)\s*\*\//;

/** The comment that starts a tagged statement: `${sqlTag(SQL_TAGS.dedup)}SELECT …`. */
export function sqlTag(tag: SqlTag): string {
  return `/* ${PREFIX}${tag} */ `;
}

/** The tag a statement starts with (as pg_stat_activity shows it), if it is one of {@link SQL_TAGS}. */
export function sqlTagOf(query: string): SqlTag | undefined {
  const tag = LEADING_TAG.exec(query)?.[1];
  return tag !== undefined && TAGS.has(tag) ? (tag as SqlTag) : undefined;
}
