import { describe, expect, it } from '@jest/globals';
import { CaseEventBus, type CaseEventNotice } from './case-event-bus.js';

const notice = (municipality: string, caseId = 'c1'): CaseEventNotice => ({
  caseId,
  municipality,
  kind: 'SIGNAL_ADDED',
  occurredAt: '2026-12-01T10:00:00.000Z',
});

describe('CaseEventBus', () => {
  it('delivers only what the subscription accepts, in order, also what came before it was read', async () => {
    const bus = new CaseEventBus();
    const events = bus.subscribe((n) => n.municipality === 'GM0363');
    bus.publish(notice('GM0599', 'other'));
    bus.publish(notice('GM0363', 'a'));
    bus.publish(notice('GM0363', 'b'));
    expect((await events.next()).value?.caseId).toBe('a');
    expect((await events.next()).value?.caseId).toBe('b');
    // Nothing queued: the reader waits until the next accepted notice arrives.
    const waiting = events.next();
    bus.publish(notice('GM0599', 'other-2'));
    bus.publish(notice('GM0363', 'c'));
    expect((await waiting).value?.caseId).toBe('c');
  });

  it('forgets a subscription when its consumer stops', async () => {
    const bus = new CaseEventBus();
    const events = bus.subscribe(() => true);
    expect(bus.size).toBe(1);
    const pending = events.next();
    await events.return?.();
    expect(bus.size).toBe(0);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    bus.publish(notice('GM0363'));
    await expect(events.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('drops a subscriber that falls more than a thousand events behind', async () => {
    const bus = new CaseEventBus();
    const events = bus.subscribe(() => true);
    for (let i = 0; i < 1_001; i++) bus.publish(notice('GM0363', `c${i}`));
    expect(bus.size).toBe(0);
    await expect(events.next()).resolves.toEqual({ value: undefined, done: true });
  });
});
