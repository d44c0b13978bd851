import { describe, expect, it } from '@jest/globals';
import { feedbackCursor } from '../feedback-stream/feedback-stream.service.js';
import { CursorError, FeedbackLog, type FeedbackEntry } from './feedback-log.js';

const entry = (offset: number, feedbackId = `f${offset}`): FeedbackEntry => ({
  cursor: feedbackCursor(0, String(offset)),
  feedbackId,
  creditorSignalRef: `ref-${offset}`,
  status: 'ACCEPTED',
});

describe('FeedbackLog', () => {
  it('pages after a cursor, per creditor, each feedback id once', () => {
    const log = new FeedbackLog(100);
    expect(log.record('woonstad', entry(1))).toBe(true);
    expect(log.record('woonstad', entry(2))).toBe(true);
    expect(log.record('woonstad', entry(3, 'f1'))).toBe(false);
    expect(log.record('vitens', entry(4))).toBe(true);
    expect(log.since('woonstad', undefined, 10).map((e) => e.feedbackId)).toEqual(['f1', 'f2']);
    expect(log.since('woonstad', '0-1', 10).map((e) => e.feedbackId)).toEqual(['f2']);
    expect(log.since('woonstad', '0-2', 10)).toEqual([]);
    expect(log.since('woonstad', undefined, 1)).toHaveLength(1);
    expect(log.since('nobody', undefined, 10)).toEqual([]);
  });

  it('keeps only the newest entries of a creditor', () => {
    const log = new FeedbackLog(2);
    for (const offset of [1, 2, 3]) log.record('woonstad', entry(offset));
    expect(log.since('woonstad', undefined, 10).map((e) => e.feedbackId)).toEqual(['f2', 'f3']);
    // A forgotten id may be recorded again: the bound is on memory, not on correctness of new ids.
    expect(log.record('woonstad', entry(4, 'f1'))).toBe(true);
  });

  it('refuses a cursor it never handed out', () => {
    const log = new FeedbackLog(2);
    for (const bad of ['', 'abc', '1', '-1-2', '0-1x', `0-${'9'.repeat(30)}`]) {
      expect(() => log.since('woonstad', bad, 10)).toThrow(CursorError);
    }
  });
});
