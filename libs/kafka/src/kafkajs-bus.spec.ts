import { describe, expect, it } from '@jest/globals';
import { messagePositions, requestSized } from './kafkajs-bus.js';

describe('requestSized', () => {
  const message = (bytes: number) => ({ key: 'k', value: Buffer.alloc(bytes) });

  it('keeps small batches whole', () => {
    expect([...requestSized([message(100), message(100)])].map((c) => c.length)).toEqual([2]);
  });

  it('splits a batch that would exceed the broker request limit, keeping order and every message', () => {
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: String(i), value: Buffer.alloc(100 * 1024) }));
    const chunks = [...requestSized(messages)];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.reduce((sum, m) => sum + (m.value?.length ?? 0), 0)).toBeLessThanOrEqual(512 * 1024);
    }
    expect(chunks.flat().map((m) => m.key)).toEqual(messages.map((m) => m.key));
  });

  it('sends one oversized message alone rather than dropping it', () => {
    expect([...requestSized([message(10), message(2 * 1024 * 1024), message(10)])].map((c) => c.length)).toEqual([
      1, 1, 1,
    ]);
  });

  it('yields nothing for nothing', () => {
    expect([...requestSized([])]).toEqual([]);
  });
});

describe('messagePositions', () => {
  it('numbers each partition’s messages on from the base offset the broker answered, in request order', () => {
    const messages = [{ p: 1 }, { p: 0 }, { p: 1 }, { p: 1 }, { p: 0 }];
    const positions = messagePositions(
      messages,
      [
        { partition: 0, baseOffset: '7' },
        { partition: 1, baseOffset: '41' },
      ],
      (m) => (m as { p: number }).p,
    );
    expect(positions).toEqual([
      { partition: 1, offset: '41' },
      { partition: 0, offset: '7' },
      { partition: 1, offset: '42' },
      { partition: 1, offset: '43' },
      { partition: 0, offset: '8' },
    ]);
  });

  it('does not guess a position the response does not give', () => {
    expect(messagePositions([{}], [{ partition: 0, baseOffset: '1' }], () => undefined)).toEqual([null]);
    expect(messagePositions([{}], [{ partition: 1, baseOffset: '1' }], () => 0)).toEqual([null]);
  });
});
