import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The hub's Prometheus metrics; one registry per app instance so tests can run several hubs. */
export class HubMetrics {
  readonly registry = new Registry();

  readonly consumed = new Counter({
    name: 'signaalhub_signals_consumed_total',
    help: 'Messages read from the signals topic',
    registers: [this.registry],
  });

  readonly stored = new Counter({
    name: 'signaalhub_signals_stored_total',
    help: 'Signals stored (first delivery only), by routing outcome',
    labelNames: ['routing'],
    registers: [this.registry],
  });

  readonly duplicates = new Counter({
    name: 'signaalhub_signals_duplicate_total',
    help: 'Messages whose signal was already stored (redelivery or producer retry)',
    registers: [this.registry],
  });

  readonly rejected = new Counter({
    name: 'signaalhub_signals_rejected_total',
    help: 'Messages sent to the dead-letter topic, by reason code',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: 'signaalhub_signal_processing_seconds',
    help: 'From the broker timestamp of a message to the commit of its batch',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'signaalhub_ingest_batch_size',
    help: 'Messages per processed batch',
    buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000],
    registers: [this.registry],
  });

  readonly failedBatches = new Counter({
    name: 'signaalhub_ingest_batch_failures_total',
    help: 'Batches that failed to store and are delivered again (a rising count means a stuck partition)',
    registers: [this.registry],
  });

  readonly feedbackPublished = new Counter({
    name: 'signaalhub_feedback_published_total',
    help: 'Feedback messages published from the outbox to the feedback topic',
    registers: [this.registry],
  });

  constructor(lag: () => Promise<number>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'signaalhub_hub_' });
    new Gauge({
      name: 'signaalhub_consumer_lag',
      help: 'Messages on the signals topic not yet committed by the hub consumer group',
      registers: [this.registry],
      async collect() {
        this.set(await lag().catch(() => -1));
      },
    });
  }
}
