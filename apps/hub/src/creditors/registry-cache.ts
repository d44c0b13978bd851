import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CreditorRepository } from './creditor.repository.js';
import { buildRegistrySnapshot, EMPTY_SNAPSHOT, type RegistrySnapshot } from './registry-snapshot.js';

/**
 * This instance's copy of the creditor registry, as an immutable snapshot. Reloaded at start-up, on
 * every poll (to see changes made through other hub instances), after each change made here, and
 * whenever `fresh()` finds the stored registry version moved on.
 */
@Injectable()
export class RegistryCache implements OnModuleInit, OnModuleDestroy {
  /** How often each instance reloads, to see changes made through other hub instances. */
  static readonly POLL_INTERVAL_MS = 30_000;

  private readonly logger = new Logger(RegistryCache.name);
  private current: RegistrySnapshot = EMPTY_SNAPSHOT;
  private timer: NodeJS.Timeout | undefined;
  private requested = 0;
  private applied = 0;

  constructor(private readonly repository: CreditorRepository) {}

  /** Fails start-up when the registry cannot be read: an ingest without it would refuse everything. */
  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`Registry reload failed, keeping the previous snapshot: ${(error as Error).message}`),
      );
    }, RegistryCache.POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The current registry; synchronous, for the per-message checks of the ingest. */
  snapshot(): RegistrySnapshot {
    return this.current;
  }

  /**
   * The registry as it is in the database now: one cheap read of the version, and a reload only
   * when another instance (or this one) changed it. The ingest calls this before each batch, so a
   * revocation answered by any instance is in force here for the next batch, not after a poll.
   */
  async fresh(): Promise<RegistrySnapshot> {
    if ((await this.repository.version()) !== this.current.version) await this.refresh();
    return this.current;
  }

  /** Reloads the whole registry in one consistent read. Of overlapping reloads, the last started wins. */
  async refresh(): Promise<void> {
    const ticket = ++this.requested;
    const rows = await this.repository.snapshotRows();
    const snapshot = buildRegistrySnapshot(rows, (message) => this.logger.error(message));
    if (ticket > this.applied) {
      this.applied = ticket;
      this.current = snapshot;
    }
  }

  /**
   * After a change made here: it is committed by now, so a failed reload must not turn it into an
   * error for the operator. The next poll catches up.
   */
  async reloadAfterChange(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.logger.warn(`Registry reload after a change failed: ${(error as Error).message}`),
    );
  }
}
