import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { dutchDateOf } from '@signaalhub/domain';
import { CaseUrgencyRepository } from '../cases/case-urgency.repository.js';
import { HubConfig } from '../config/hub-config.js';
import { describeError } from '../errors/describe-error.js';

/**
 * How often the hub looks for open cases not yet scored today. Each run only touches those, so an
 * hourly look gives one recompute a day per case, soon after midnight, on any number of instances.
 */
const RECOMPUTE_INTERVAL_MS = 60 * 60 * 1000;

/** Cases per transaction: short locks, and a backlog never holds many rows at once. */
const RECOMPUTE_BATCH = 500;

/**
 * Urgency grows with the days in arrears (and an end of supply comes closer) without any new signal,
 * so open cases are scored again every day, by the Dutch calendar.
 */
@Injectable()
export class UrgencyRecomputeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UrgencyRecomputeService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly urgency: CaseUrgencyRepository,
    @Inject(HubConfig) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.INGEST_ENABLED !== 'true') return;
    const run = () =>
      this.recomputeOpenCases().catch((error: unknown) =>
        this.logger.warn(`Recomputing urgency failed: ${describeError(error)}`),
      );
    void run();
    this.timer = setInterval(run, RECOMPUTE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Scores every open case not yet scored for `asOf` (YYYY-MM-DD); returns how many it scored. */
  async recomputeOpenCases(asOf: string = dutchDateOf(new Date())): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let scored = 0;
    for (;;) {
      const ids = await this.urgency.transaction(async (tx) => {
        const locked = await this.urgency.lockUnscored(tx, asOf, after, RECOMPUTE_BATCH);
        await this.urgency.refresh(tx, locked, asOf);
        return locked;
      });
      if (ids.length === 0) return scored;
      scored += ids.length;
      after = ids[ids.length - 1];
    }
  }
}
