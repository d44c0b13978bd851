import { describe, expect, it } from '@jest/globals';
import { kafkaClientName } from './create-bus.js';

describe('kafkaClientName', () => {
  it('is kafkajs unless a client is named', () => {
    expect(kafkaClientName(undefined)).toBe('kafkajs');
    expect(kafkaClientName('')).toBe('kafkajs');
    expect(kafkaClientName('platformatic')).toBe('platformatic');
    expect(kafkaClientName('kafkajs')).toBe('kafkajs');
  });

  it('refuses an unknown name rather than falling back to the other client', () => {
    expect(() => kafkaClientName('rdkafka')).toThrow(RangeError);
  });
});
