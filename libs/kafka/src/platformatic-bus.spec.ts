import { describe, expect, it } from '@jest/globals';
import { AuthenticationError, MultipleErrors, NetworkError, type Message } from '@platformatic/kafka';
import { plainly, toConsumed, toProduced } from './platformatic-bus.js';

describe('toProduced', () => {
  it('gives the client header names and values as Buffers', () => {
    const produced = toProduced(
      't',
      { key: 'k', value: Buffer.from('v'), headers: { a: 'x', b: Buffer.from('y') } },
      4,
      new Map(),
    );
    const headers = [...(produced.headers as Map<Buffer, Buffer>)];
    expect(headers.every(([name, value]) => Buffer.isBuffer(name) && Buffer.isBuffer(value))).toBe(true);
    expect(headers.map(([name, value]) => [name.toString(), value.toString()])).toEqual([
      ['a', 'x'],
      ['b', 'y'],
    ]);
  });

  it('puts a key on the partition kafkajs and the Java client choose (murmur2, positive)', () => {
    // Reference values of the Java client's Utils.toPositive(Utils.murmur2(key)) % 4.
    const partition = (key: string) => toProduced('t', { key, value: null }, 4, new Map()).partition;
    expect(['a', 'b', 'creditor-1'].map(partition)).toEqual(['a', 'b', 'creditor-1'].map((k) => javaPartition(k, 4)));
  });

  it('spreads keyless messages over the partitions in turn', () => {
    const turns = new Map<string, number>();
    expect([0, 1, 2, 3, 4].map(() => toProduced('t', { key: null, value: null }, 3, turns).partition)).toEqual([
      0, 1, 2, 0, 1,
    ]);
  });

  it('passes the producer timestamp on as a bigint', () => {
    expect(toProduced('t', { key: null, value: null, timestamp: '1700000000000' }, 1, new Map()).timestamp).toBe(
      1700000000000n,
    );
  });
});

describe('toConsumed', () => {
  it('turns the client’s message into ours, header names as strings and values as Buffers', () => {
    const message = {
      topic: 't',
      partition: 2,
      offset: 41n,
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: new Map([[Buffer.from('h'), Buffer.from('1')]]),
      timestamp: 1700000000000n,
    } as unknown as Message;
    const consumed = toConsumed(message);
    expect(consumed).toMatchObject({ topic: 't', partition: 2, offset: '41', timestamp: 1700000000000 });
    expect(consumed.headers.h?.toString()).toBe('1');
    expect(consumed.key?.toString()).toBe('k');
  });

  it('gives null for an absent key and value', () => {
    const message = { topic: 't', partition: 0, offset: 0n, headers: new Map(), timestamp: 0n } as unknown as Message;
    expect(toConsumed(message)).toMatchObject({ key: null, value: null, headers: {} });
  });
});

describe('plainly', () => {
  it('says a refused login as such, however deep the client wrapped it', () => {
    const refused = new MultipleErrors('metadata failed 9 times.', [
      new NetworkError('Connection to 127.0.0.1:9092 failed.', {
        cause: new AuthenticationError('SASL authentication failed.'),
      }),
    ]);
    expect((plainly(refused) as Error).message).toBe('SASL SCRAM-SHA-512 authentication failed');
  });

  it('leaves any other error as it is', () => {
    const lost = new NetworkError('Connection closed');
    expect(plainly(lost)).toBe(lost);
  });
});

/** The Java client's murmur2 (org.apache.kafka.common.utils.Utils.murmur2), positive, modulo. */
function javaPartition(key: string, partitions: number): number {
  const data = Buffer.from(key);
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ data.length) | 0;
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = data.readInt32LE(i);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = data.length % 4;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) {
    h ^= data[whole];
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return (h & 0x7fffffff) % partitions;
}
