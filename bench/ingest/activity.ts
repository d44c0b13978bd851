import { sqlTagOf, type SqlTag } from '../../apps/hub/src/index.js';

export interface Backend {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string;
}

/** The hub's ingest statements by the tag each carries (SQL_TAGS); a new tag needs a label here. */
const STATEMENTS: Record<SqlTag, string> = {
  'registry-hold': 'registry version FOR SHARE',
  dedup: 'dedup SELECT',
  'previous-signals': 'previous-signal SELECT',
  'household-insert': 'household upsert',
  'household-select': 'household SELECT',
  'case-upsert': 'case upsert',
  'signal-insert': 'signal INSERT',
  'signal-added-events': 'case event INSERT',
  'case-signals': 'case signals SELECT',
  'case-refresh': 'case figures UPDATE',
  'minimisation-count': 'minimisation count upsert',
  'security-audit': 'audit INSERT',
  'feedback-outbox': 'feedback outbox INSERT',
  'outbox-relay-select': 'outbox relay SELECT',
  'outbox-relay-update': 'outbox relay UPDATE',
};

/** A hub backend's state in one pg_stat_activity sample, by statement; idle ones are left out. */
export function activityLabel(backend: Backend): string | undefined {
  if (backend.state === 'idle' || backend.state === null) return undefined;
  const tag = sqlTagOf(backend.query);
  // Untagged: a transaction's BEGIN or COMMIT, or a statement off the ingest path.
  const statement = tag ? STATEMENTS[tag] : (backend.query.trim().split(/\s+/)[0] ?? '?').toUpperCase();
  if (backend.state === 'idle in transaction') return `idle in transaction, after ${statement} (waits for Node)`;
  if (backend.state !== 'active') return `${backend.state}: ${statement}`;
  return `${statement}: ${backend.wait_event_type ? `waits ${backend.wait_event_type}/${backend.wait_event}` : 'running'}`;
}
