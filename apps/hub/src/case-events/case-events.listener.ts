import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { HubConfig } from '../config/hub-config.js';
import { describeError } from '../errors/describe-error.js';
import { CaseEventBus, type CaseEventNotice } from './case-event-bus.js';
import { CASE_EVENTS_CHANNEL, listenForCaseEvents } from './case-event.repository.js';

const RECONNECT_MS = { first: 500, max: 15_000 };

/**
 * Listens for case events on PostgreSQL (NOTIFY, sent when the transaction that wrote them commits),
 * so every instance hears of changes made through any instance, and nothing of a rolled-back change.
 * One dedicated connection per instance; it reconnects with backoff when it drops.
 */
@Injectable()
export class CaseEventsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CaseEventsListener.name);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RECONNECT_MS.first;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(HubConfig) private readonly config: HubConfig,
    private readonly bus: CaseEventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect().catch(() => this.reconnectLater());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
    client.on('error', (error) => {
      this.logger.warn(`Case event listener lost its connection: ${describeError(error)}`);
      this.reconnectLater();
    });
    client.on('notification', (message) => {
      if (message.channel !== CASE_EVENTS_CHANNEL || !message.payload) return;
      const notice = parseNotice(message.payload);
      if (notice) this.bus.publish(notice);
    });
    await client.connect();
    await listenForCaseEvents(client);
    this.client = client;
    this.retryMs = RECONNECT_MS.first;
  }

  private reconnectLater(): void {
    if (this.stopped || this.timer) return;
    const old = this.client;
    this.client = null;
    void old?.end().catch(() => undefined);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch(() => this.reconnectLater());
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MS.max);
  }
}

function parseNotice(payload: string): CaseEventNotice | null {
  try {
    const n = JSON.parse(payload) as Record<string, unknown>;
    if (typeof n.caseId !== 'string' || typeof n.municipality !== 'string' || typeof n.kind !== 'string') return null;
    return {
      caseId: n.caseId,
      municipality: n.municipality.trim(),
      kind: n.kind,
      occurredAt: typeof n.occurredAt === 'string' ? n.occurredAt : new Date().toISOString(),
    };
  } catch {
    return null;
  }
}
