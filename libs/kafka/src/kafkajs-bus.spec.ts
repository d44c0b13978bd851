import { describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import { commitRefused } from './kafkajs-bus.js';
import { messagePositions, requestSized } from './produce-requests.js';

const { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } = kafkajs;

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

describe('commitRefused', () => {
  // kafkajs' own decisions about an error out of the batch callback (consumer/index.js onCrash and
  // consumer/runner.js scheduleFetchManager): rejoin at once on these types, otherwise restart only
  // when the innermost cause is retriable.
  const innermost = (e: unknown): { retriable?: unknown } =>
    (e as { cause?: unknown }).cause ? innermost((e as { cause: unknown }).cause) : (e as { retriable?: unknown });
  const rejoinsAtOnce = (e: unknown) =>
    ['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID'].includes(
      (e as { type?: string }).type ?? '',
    );
  const restarts = (e: unknown) =>
    (e as Error).name === 'KafkaJSNumberOfRetriesExceeded' || innermost(e).retriable === true;
  const protocolError = (type: string) => new KafkaJSProtocolError({ type, retriable: false, message: type } as never);

  it.each(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID'])(
    'turns a commit refused with %s, which kafkajs wraps as not retriable, into a rejoin',
    (type) => {
      // What consumer.commitOffsets rejects with once its retrier gives up on a non-retriable error.
      const refusal = Object.assign(new KafkaJSNonRetriableError(protocolError(type)), { cause: protocolError(type) });
      expect(restarts(refusal)).toBe(false);
      const thrown = commitRefused(refusal);
      expect(rejoinsAtOnce(thrown)).toBe(true);
      expect(restarts(thrown)).toBe(true);
    },
  );

  it.each([
    ['any other refusal', new KafkaJSNonRetriableError(new Error('GROUP_AUTHORIZATION_FAILED'))],
    ['retries run out', new KafkaJSNumberOfRetriesExceeded(new Error('timeout'), { retryCount: 8, retryTime: 1 })],
    ['a plain TypeError', new TypeError('x is not a function')],
  ])('always leaves the consumer restarting after %s', (_name, error) => {
    const thrown = commitRefused(error);
    expect(rejoinsAtOnce(thrown)).toBe(false);
    expect(restarts(thrown)).toBe(true);
  });
});
