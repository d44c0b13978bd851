import { randomInt } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { KafkaBus, Producer } from '@signaalhub/kafka';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { ConnectorsTopics } from '../config/connectors-topics.js';
import { KAFKA_BUS } from '@signaalhub/platform';
import { ConnectorsMetrics } from '../metrics/connectors-metrics.js';
import { ensureCreditorKeys, type CreditorSigningKey } from './creditor-keys.js';
import {
  checkSimulatorOptions,
  publishSyntheticSignals,
  SimulatorInputError,
  type SimulatorOptions,
} from './publish.js';
import { SYNTHETIC_CREDITORS } from './synthetic-signals.js';

@Injectable()
export class SimulatorService implements OnApplicationShutdown {
  private readonly logger = new Logger(SimulatorService.name);
  // One producer for the app's lifetime: a connection per request would be slow, and the bus keeps
  // every producer it ever made until it closes.
  private producer: Promise<Producer> | null = null;

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
    @Inject(ConnectorsMetrics) private readonly metrics: ConnectorsMetrics,
    @Inject(ConnectorsConfig) private readonly config: ConnectorsConfig,
  ) {}

  private signers: Map<string, CreditorSigningKey> | null = null;

  async publish(options: SimulatorOptions): Promise<{ published: number; seed: number }> {
    // A fresh seed per request gives fresh creditor references; a fixed default would make every
    // request re-send the same signals, which the hub then discards as duplicates.
    const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
    try {
      checkSimulatorOptions(options);
    } catch (error) {
      if (error instanceof SimulatorInputError) throw new BadRequestException(error.message);
      throw error;
    }
    let published = 0;
    try {
      const result = await publishSyntheticSignals(
        this.bus,
        { topic: this.topics.signals, retentionMs: this.config.KAFKA_SIGNALS_RETENTION_MS },
        { ...options, seed },
        {
          producer: await this.getProducer(),
          signers: (this.signers ??= ensureCreditorKeys(
            this.config.CREDITOR_KEYS_DIR,
            SYNTHETIC_CREDITORS.map((c) => c.id),
          )),
          onChunk: (signals, seconds) => {
            published += signals.length;
            this.metrics.sendDuration.observe(seconds);
            for (const { creditorId } of signals) this.metrics.published.inc({ creditor: creditorId });
          },
        },
      );
      return { ...result, seed };
    } catch (error) {
      this.metrics.publishFailures.inc();
      this.logger.error(`Simulator publish failed after ${published} of ${options.count}: ${String(error)}`);
      throw new ServiceUnavailableException(
        `Kafka did not accept the signals; ${published} of ${options.count} were published`,
      );
    }
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= this.bus.createProducer().catch((error: unknown) => {
      this.producer = null;
      throw error;
    });
    return this.producer;
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producer?.catch(() => null);
    await producer?.disconnect();
  }
}
