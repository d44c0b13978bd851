import { describe, expect, it } from '@jest/globals';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.js';

describe('timeline cursor', () => {
  it('round-trips the exact position, microseconds included', () => {
    const cursor = encodeTimelineCursor('2026-12-01 19:30:00.123456+00', '42');
    expect(decodeTimelineCursor(cursor)).toEqual({ occurredAt: '2026-12-01 19:30:00.123456+00', id: '42' });
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['SQL in the moment', encodeTimelineCursor("2026-12-01'; DROP TABLE case_event; --", '1')],
    [
      'a uuid instead of a sequence',
      encodeTimelineCursor('2026-12-01 19:30:00+00', '0b0e0c4a-7d1f-4d1e-9c1a-1a2b3c4d5e6f'),
    ],
    ['a sequence beyond bigint', encodeTimelineCursor('2026-12-01 19:30:00+00', '9'.repeat(30))],
  ])('refuses %s with BAD_USER_INPUT', (_name, cursor) => {
    expect(() => decodeTimelineCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
