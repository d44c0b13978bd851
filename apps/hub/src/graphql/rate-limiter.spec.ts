import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('admits a full window of requests at once, then refuses with the wait until the next one', () => {
    const time = clock();
    const limiter = new RateLimiter({ requests: 3, windowSeconds: 60 }, time.now);
    expect([1, 2, 3].map(() => limiter.take('worker-1').allowed)).toEqual([true, true, true]);
    expect(limiter.take('worker-1')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    time.advance(5_000);
    expect(limiter.take('worker-1')).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });

  it('refills evenly over the window, never beyond the window', () => {
    const time = clock();
    const limiter = new RateLimiter({ requests: 3, windowSeconds: 60 }, time.now);
    for (let i = 0; i < 3; i++) limiter.take('w');
    time.advance(20_000);
    expect(limiter.take('w').allowed).toBe(true);
    expect(limiter.take('w').allowed).toBe(false);
    time.advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.take('w').allowed)).toEqual([true, true, true, false]);
  });

  it('keeps a bucket per subject', () => {
    const limiter = new RateLimiter({ requests: 1, windowSeconds: 60 }, clock().now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refused requests do not count, and a clock stepping back adds nothing', () => {
    const time = clock();
    const limiter = new RateLimiter({ requests: 2, windowSeconds: 10 }, time.now);
    limiter.take('w');
    limiter.take('w');
    for (let i = 0; i < 5; i++) expect(limiter.take('w').allowed).toBe(false);
    time.advance(-60_000);
    expect(limiter.take('w').allowed).toBe(false);
    time.advance(65_000);
    expect(limiter.take('w').allowed).toBe(true);
  });
});
