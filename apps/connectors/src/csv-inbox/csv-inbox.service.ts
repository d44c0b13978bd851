import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KafkaBus, Producer } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { ConnectorsTopics } from '../config/connectors-topics.js';
import { CreditorSigningKeys } from '../signing/creditor-signing-keys.js';
import { InboxScanner } from './inbox-scanner.js';

/** Scans the CSV inbox every CSV_POLL_INTERVAL_MS, one scan at a time, for the app's lifetime. */
@Injectable()
export class CsvInboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CsvInboxService.name);
  private producer: Producer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> = Promise.resolve();

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
    @Inject(ConnectorsConfig) private readonly config: ConnectorsConfig,
    @Inject(CreditorSigningKeys) private readonly keys: CreditorSigningKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = await this.bus.createProducer();
    const producer = this.producer;
    const scanner = new InboxScanner(this.config.CSV_INBOX_DIR, {
      producer,
      topic: this.topics.signals,
      chunkRows: this.config.CSV_CHUNK_ROWS,
      maxBytes: this.config.CSV_MAX_FILE_BYTES,
      // Looked up per file: a rotated key signs the next file without a restart.
      signer: (creditorId) => this.keys.active(creditorId),
    });
    const tick = () => {
      this.scanning = this.scan(scanner).finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.config.CSV_POLL_INTERVAL_MS);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.scanning;
    await this.producer?.disconnect();
  }

  private async scan(scanner: InboxScanner): Promise<void> {
    try {
      for (const { creditorId, fileName, outcome, error } of await scanner.scanOnce()) {
        // The file name is the creditor's and may name a person; its hash identifies it in the logs.
        const file = createHash('sha256').update(fileName).digest('hex').slice(0, 12);
        if (error) this.logger.warn({ creditorId, file, error: error.message }, 'CSV file stopped; retried next scan');
        else this.logger.log({ creditorId, file, ...outcome }, 'CSV file handled');
      }
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'CSV inbox scan failed');
    }
  }
}
