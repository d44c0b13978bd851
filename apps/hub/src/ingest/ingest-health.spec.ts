import { describe, expect, it } from '@jest/globals';
import { IngestHealth } from './ingest-health.js';

function health() {
  let now = 1_000_000;
  const tracker = new IngestHealth({ maxConsecutiveFailures: 3, stallMs: 60_000 }, () => now);
  return { tracker, advance: (ms: number) => (now += ms) };
}

describe('IngestHealth', () => {
  it('is healthy while batches store, also with lag', () => {
    const { tracker, advance } = health();
    tracker.batchStored();
    advance(30_000);
    expect(tracker.problem(500)).toBeNull();
  });

  it('turns unhealthy after the configured number of failed batches in a row, and recovers on a stored one', () => {
    const { tracker } = health();
    tracker.batchFailed();
    tracker.batchFailed();
    expect(tracker.problem(0)).toBeNull();
    tracker.batchFailed();
    expect(tracker.problem(0)).toBe('the last 3 batches failed');
    tracker.batchStored();
    expect(tracker.problem(0)).toBeNull();
  });

  it('turns unhealthy when lag stands for longer than the stall period without a stored batch', () => {
    const { tracker, advance } = health();
    advance(600_000);
    // Lag that just appeared on an idle hub is not a stall.
    expect(tracker.problem(10)).toBeNull();
    advance(59_000);
    expect(tracker.problem(12)).toBeNull();
    advance(2_000);
    expect(tracker.problem(15)).toBe('15 messages waiting and no batch stored for 61 s');
    tracker.batchStored();
    expect(tracker.problem(15)).toBeNull();
  });

  it('forgets old lag once the group has caught up', () => {
    const { tracker, advance } = health();
    expect(tracker.problem(5)).toBeNull();
    advance(50_000);
    expect(tracker.problem(0)).toBeNull();
    advance(50_000);
    expect(tracker.problem(5)).toBeNull();
  });
});
