import { HubException } from '../errors/hub-exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An opaque keyset cursor: the sort value and the id of the last row of a page. */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string; id: string } {
  try {
    const [sortValue, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof sortValue === 'string' && typeof id === 'string' && isUuid(id)) return { sortValue, id };
  } catch {
    // fall through to the coded error
  }
  throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
}
