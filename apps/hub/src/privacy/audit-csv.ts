import type { AuditEntryType } from './dto/audit-log.types.js';

const COLUMNS = [
  'sequence',
  'occurredAt',
  'actor',
  'actorRole',
  'municipality',
  'activity',
  'legalBasis',
  'action',
  'subjectType',
  'subjectId',
  'requestId',
  'detail',
  'previousHash',
  'hash',
] as const satisfies ReadonlyArray<keyof AuditEntryType>;

/**
 * RFC 4180 CSV. A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe: an actor name or detail is not the officer's to execute.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly AuditEntryType[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) lines.push(COLUMNS.map((c) => csvCell(entry[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
