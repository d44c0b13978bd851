import { HubException } from '../errors/hub-exception.js';

// The position of an event: its moment exactly as PostgreSQL writes it (microseconds kept, so no
// event of the same millisecond is skipped or repeated) and its insertion number.
const MOMENT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const SEQUENCE = /^\d{1,18}$/;

export function encodeTimelineCursor(position: string, id: string): string {
  return Buffer.from(JSON.stringify([position, id])).toString('base64url');
}

export function decodeTimelineCursor(cursor: string): { occurredAt: string; id: string } {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof occurredAt === 'string' && typeof id === 'string' && MOMENT.test(occurredAt) && SEQUENCE.test(id)) {
      return { occurredAt, id };
    }
  } catch {
    // fall through to the coded error
  }
  throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
}
