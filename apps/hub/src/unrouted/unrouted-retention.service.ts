import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubConfig } from '../config/hub-config.js';
import { describeError } from '../errors/describe-error.js';
import { feedbackEvent } from '../outbox/feedback-event.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { SignalRepository } from '../signals/signal.repository.js';

/** The hub itself, as the actor of what it does by policy. */
const RETENTION: Principal = { subject: 'signaalhub-retention', roles: [], municipality: null, creditor: null };

/** How often the purge runs; a signal is kept at most this much longer than the limit. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** At most this many signals per transaction, so a large backlog never holds long locks. */
const PURGE_BATCH = 1000;

/**
 * Unrouted signals hold personal data with no municipality to answer for it, so they are kept only
 * for UNROUTED_RETENTION_DAYS: long enough for an operator to route them, then deleted (not flagged),
 * the creditor told it was not delivered (NOT_ROUTABLE) and the deletion audited by signal id.
 */
@Injectable()
export class UnroutedRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnroutedRetentionService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signals: SignalRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
    @Inject(HubConfig) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.INGEST_ENABLED !== 'true') return;
    const run = () =>
      this.purgeExpired().catch((error: unknown) =>
        this.logger.warn(`Purging expired unrouted signals failed: ${describeError(error)}`),
      );
    void run();
    this.timer = setInterval(run, PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes every unrouted signal received before `now` minus the retention; returns how many. */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.UNROUTED_RETENTION_DAYS * 24 * 3600 * 1000);
    let purged = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (tx) => {
        const rows = await this.signals.deleteUnroutedBefore(tx, cutoff, PURGE_BATCH);
        if (rows.length === 0) return 0;
        await this.outbox.enqueue(
          rows.map((r) =>
            feedbackEvent(
              `unrouted-expired:${r.payloadHex}`,
              { creditorId: r.creditorId, creditorSignalRef: r.creditorSignalRef },
              { status: 'REJECTED', reasonCode: 'NOT_ROUTABLE' },
            ),
          ),
          tx,
        );
        await this.audit.record(
          RETENTION,
          {
            action: 'UNROUTED_SIGNAL_PURGED',
            subjectType: 'signal',
            subjectIds: rows.map((r) => r.id),
            detail: { retentionDays: this.config.UNROUTED_RETENTION_DAYS },
          },
          tx,
        );
        return rows.length;
      });
      purged += n;
      if (n < PURGE_BATCH) break;
    }
    if (purged > 0) this.logger.log(`Purged ${purged} unrouted signals past their retention`);
    return purged;
  }
}
