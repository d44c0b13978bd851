/**
 * Whether the ingest is making progress, for readiness. A consumer whose batches keep failing is
 * restarted by the Kafka client again and again while the process itself looks fine; readiness must
 * say so, or an orchestrator keeps routing work to an instance that stores nothing.
 */
export class IngestHealth {
  private consecutiveFailures = 0;
  private lastStoredAt: number;
  private lagSince: number | null = null;

  constructor(
    private readonly options: { maxConsecutiveFailures: number; stallMs: number },
    private readonly clock: () => number = Date.now,
  ) {
    this.lastStoredAt = clock();
  }

  batchStored(): void {
    this.consecutiveFailures = 0;
    this.lastStoredAt = this.clock();
  }

  batchFailed(): void {
    this.consecutiveFailures += 1;
  }

  /**
   * Why the ingest is not healthy, or null. `lag` is the consumer group's current lag: lag that has
   * stood for the stall period without a single batch stored means the partition is stuck.
   */
  problem(lag: number): string | null {
    const now = this.clock();
    if (this.consecutiveFailures >= this.options.maxConsecutiveFailures) {
      return `the last ${this.consecutiveFailures} batches failed`;
    }
    if (lag <= 0) {
      this.lagSince = null;
      return null;
    }
    this.lagSince ??= now;
    const progressAt = Math.max(this.lagSince, this.lastStoredAt);
    return now - progressAt > this.options.stallMs
      ? `${lag} messages waiting and no batch stored for ${Math.round((now - progressAt) / 1000)} s`
      : null;
  }
}
