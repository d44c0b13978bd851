import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The connectors' Prometheus metrics; one registry per app instance so tests can run several apps. */
export class ConnectorsMetrics {
  readonly registry = new Registry();

  readonly published = new Counter({
    name: 'signaalhub_connectors_signals_published_total',
    help: 'Signals acknowledged by Kafka on the signals topic, by creditor',
    labelNames: ['creditor'],
    registers: [this.registry],
  });

  readonly publishFailures = new Counter({
    name: 'signaalhub_connectors_publish_failures_total',
    help: 'Publish requests whose signals Kafka did not (fully) acknowledge',
    registers: [this.registry],
  });

  readonly sendDuration = new Histogram({
    name: 'signaalhub_connectors_kafka_send_seconds',
    help: 'Time for Kafka to acknowledge one batch of signals (acks=all)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'signaalhub_connectors_' });
  }
}
