import { describe, expect, it } from '@jest/globals';
import { AuthenticationError, MultipleErrors, NetworkError, ProtocolError } from '@platformatic/kafka';
import { backoffDelay, isRetriableKafkaError, withRetry, worstCaseWaitMs, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 1_000 };

/** Shaped like the client's errors: a name, the protocol type, its own retriable flag, a cause. */
function kafkaError(fields: { name?: string; type?: string; retriable?: boolean; cause?: unknown }): Error {
  return Object.assign(new Error(fields.type ?? fields.name ?? 'kafka'), fields);
}

const notHosted = kafkaError({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true });
const badPassword = kafkaError({ name: 'KafkaJSSASLAuthenticationError', retriable: false });

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, policy, 0.999))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads with jitter over the upper half of the delay only', () => {
    expect(backoffDelay(3, policy, 0)).toBe(200);
    expect(backoffDelay(3, policy, 0.5)).toBe(300);
    expect(backoffDelay(3, policy, 0.999)).toBeLessThanOrEqual(400);
  });

  it('bounds the total wait of a policy', () => {
    expect(worstCaseWaitMs(policy)).toBe(100 + 200 + 400 + 800);
  });
});

describe('isRetriableKafkaError', () => {
  it('retries a partition without a leader and a lost connection', () => {
    expect(isRetriableKafkaError(notHosted)).toBe(true);
    expect(isRetriableKafkaError(kafkaError({ type: 'LEADER_NOT_AVAILABLE' }))).toBe(true);
    expect(isRetriableKafkaError(kafkaError({ name: 'KafkaJSConnectionError', retriable: true }))).toBe(true);
  });

  it('sees a transient cause under a wrapper or among grouped per-partition errors', () => {
    expect(isRetriableKafkaError(kafkaError({ name: 'KafkaJSError', cause: notHosted }))).toBe(true);
    const grouped = Object.assign(new Error('per partition'), { errors: [notHosted] });
    expect(isRetriableKafkaError(grouped)).toBe(true);
  });

  it('does not start over what the client already retried to the end of its own budget', () => {
    const spent = kafkaError({ name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause: notHosted });
    expect(isRetriableKafkaError(spent)).toBe(false);
  });

  it('never retries failed authentication or authorisation, even under a retriable wrapper', () => {
    expect(isRetriableKafkaError(badPassword)).toBe(false);
    expect(isRetriableKafkaError(kafkaError({ retriable: true, cause: badPassword }))).toBe(false);
    expect(isRetriableKafkaError(kafkaError({ type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }))).toBe(false);
  });

  it('does not retry plain programming errors or non-errors', () => {
    expect(isRetriableKafkaError(new TypeError('x is undefined'))).toBe(false);
    expect(isRetriableKafkaError('boom')).toBe(false);
    expect(isRetriableKafkaError(null)).toBe(false);
  });

  it('survives a cyclic cause chain', () => {
    const a = kafkaError({ name: 'A' });
    const b = kafkaError({ name: 'B', cause: a });
    Object.assign(a, { cause: b });
    expect(isRetriableKafkaError(a)).toBe(false);
  });
});

describe('isRetriableKafkaError on @platformatic/kafka errors', () => {
  it('retries what the client flags as passing: a partition without a leader, a lost connection', () => {
    expect(isRetriableKafkaError(new ProtocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBe(true);
    expect(isRetriableKafkaError(new NetworkError('Connection closed'))).toBe(true);
    expect(
      isRetriableKafkaError(
        new MultipleErrors('Producing messages failed.', [new ProtocolError('NOT_LEADER_OR_FOLLOWER')]),
      ),
    ).toBe(true);
  });

  it('never retries a refused login or a refused authorisation', () => {
    expect(isRetriableKafkaError(new AuthenticationError('SASL authentication failed'))).toBe(false);
    expect(isRetriableKafkaError(new ProtocolError('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(
      isRetriableKafkaError(new MultipleErrors('failed', [new NetworkError('closed'), new AuthenticationError('no')])),
    ).toBe(false);
  });
});

describe('withRetry', () => {
  const noWait = () => {
    const waits: number[] = [];
    return { waits, hooks: { sleep: async (ms: number) => void waits.push(ms), random: () => 0.999 } };
  };

  it('retries transient failures with growing waits until the call succeeds', async () => {
    const { waits, hooks } = noWait();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw notHosted;
        return 'sent';
      },
      policy,
      hooks,
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the policy attempts with the last error', async () => {
    const { waits, hooks } = noWait();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw notHosted;
        },
        policy,
        hooks,
      ),
    ).rejects.toBe(notHosted);
    expect(calls).toBe(policy.attempts);
    expect(waits).toHaveLength(policy.attempts - 1);
  });

  it('throws a permanent failure at once', async () => {
    const { waits, hooks } = noWait();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw badPassword;
        },
        policy,
        hooks,
      ),
    ).rejects.toBe(badPassword);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('tells each retry before waiting', async () => {
    const seen: Array<[number, number]> = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw notHosted;
      },
      policy,
      { sleep: async () => undefined, random: () => 0, onRetry: (_e, retry, delay) => seen.push([retry, delay]) },
    );
    expect(seen).toEqual([[1, 50]]);
  });
});
