/** What a subscriber learns of a case change: ids and codes only, never personal data. */
export interface CaseEventNotice {
  caseId: string;
  municipality: string;
  kind: string;
  occurredAt: string;
}

/** A subscriber that falls this far behind is dropped rather than held in memory without bound. */
const MAX_PENDING = 1_000;

interface Subscriber {
  accepts: (notice: CaseEventNotice) => boolean;
  push: (notice: CaseEventNotice) => void;
}

/**
 * Fans case events out to this instance's subscriptions. Every instance receives every event (from
 * PostgreSQL NOTIFY, see CaseEventsListener), so a subscriber sees the changes made through any
 * instance; each subscription filters on its own municipality before anything is queued for it.
 */
export class CaseEventBus {
  private readonly subscribers = new Set<Subscriber>();

  publish(notice: CaseEventNotice): void {
    for (const subscriber of this.subscribers) if (subscriber.accepts(notice)) subscriber.push(notice);
  }

  /** The number of open subscriptions on this instance (metrics, tests). */
  get size(): number {
    return this.subscribers.size;
  }

  /** An async iterator of the notices `accepts` lets through, ending when the consumer returns. */
  subscribe(accepts: (notice: CaseEventNotice) => boolean): AsyncIterableIterator<CaseEventNotice> {
    const queue: CaseEventNotice[] = [];
    let waiting: ((result: IteratorResult<CaseEventNotice>) => void) | null = null;
    let done = false;
    const subscriber: Subscriber = {
      accepts,
      push: (notice) => {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: notice, done: false });
          return;
        }
        queue.push(notice);
        if (queue.length > MAX_PENDING) finish();
      },
    };
    const finish = () => {
      done = true;
      queue.length = 0;
      this.subscribers.delete(subscriber);
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: undefined, done: true });
      }
    };
    this.subscribers.add(subscriber);
    const iterator: AsyncIterableIterator<CaseEventNotice> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as CaseEventNotice, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
