import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AcceptedSignal } from '../../apps/hub/src/index.js';

/** The accepted signals as CSV rows for `\copy signal_copy (SIGNAL_COLUMNS)`: the values the hub inserts. */
export function writeSignalCsv(file: string, accepted: AcceptedSignal[]): void {
  const caseIds = new Map<string, string>();
  const caseOf = (s: AcceptedSignal) => {
    if (s.routing.kind !== 'routed') return null;
    const key = `${s.routing.municipality}|${s.signal.householdKey}`;
    let id = caseIds.get(key);
    if (!id) caseIds.set(key, (id = randomUUID()));
    return id;
  };
  const orNull = (v: string) => (v === '' ? null : v);
  const field = (v: string | number | boolean | bigint | Buffer | Date | null): string => {
    if (v === null) return '';
    if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (v instanceof Date) return v.toISOString();
    return `"${v.replace(/"/g, '""')}"`;
  };
  const fd = openSync(file, 'w');
  try {
    let chunk: string[] = [];
    for (const s of accepted) {
      const g = s.signal;
      // prettier-ignore
      const row = [
        s.payloadSha256, s.creditorId, g.creditorSignalRef, g.kind, g.sector, g.signalDate, g.sentAt,
        s.routing.kind === 'routed' ? 'ROUTED' : 'UNROUTED',
        s.routing.kind === 'unrouted' ? s.routing.reason : null,
        s.routing.kind === 'routed' ? s.routing.municipality : null,
        caseOf(s), g.householdKey,
        orNull(g.initials), orNull(g.firstNames), orNull(g.surnamePrefix), g.surname, orNull(g.birthDate),
        orNull(g.phone), orNull(g.email),
        g.postcode, g.houseNumber, orNull(g.houseLetter), orNull(g.houseNumberAddition), orNull(g.street), orNull(g.place),
        g.amountCents, g.arrearsSince, orNull(g.customerNumber), orNull(g.supplyEndDate),
        g.personalContactAttempted, g.referredToDebtHelp, orNull(g.reminderSentOn), g.objectionOffered, g.objectionReceived,
        g.crisis, g.warmHandover, s.source.topic, s.source.partition, s.source.offset,
        s.status, s.decision?.outcome ?? 'PENDING_ROUTING', s.decision?.reason ?? null,
        s.decision?.ruleId ?? null, s.decision?.ruleVersion ?? null, s.keyId,
      ];
      chunk.push(row.map(field).join(','));
      if (chunk.length === 5_000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}
