import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { KafkaBus } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';
import { HubConfig } from '../config/hub-config.js';
import { HubTopics } from '../config/hub-topics.js';
import { IngestHealth } from '../ingest/ingest-health.js';
import { HealthRepository } from './health.repository.js';

type Check = 'up' | 'down' | 'off';

@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(HubConfig) private readonly config: HubConfig,
    @Inject(HubTopics) private readonly topics: HubTopics,
    @Inject(IngestHealth) private readonly ingestHealth: IngestHealth,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: PostgreSQL and Kafka both answer, and the ingest makes progress (its batches store,
   * its lag does not stand still); with the problem named when it does not.
   */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, Check>; problem?: string }> {
    const [database, kafka, ingestProblem] = await Promise.all([
      within(CHECK_TIMEOUT_MS, this.database.databaseAnswers(), false).then((up) =>
        up ? ('up' as const) : ('down' as const),
      ),
      within(CHECK_TIMEOUT_MS, this.bus.ping(), false).then((up) => (up ? ('up' as const) : ('down' as const))),
      this.ingestProblem(),
    ]);
    const ingest: Check = this.config.INGEST_ENABLED !== 'true' ? 'off' : ingestProblem === null ? 'up' : 'down';
    const checks = { database, kafka, ingest };
    if (database === 'down' || kafka === 'down' || ingest === 'down') {
      const body =
        ingestProblem === null ? { status: 'down', checks } : { status: 'down', checks, problem: ingestProblem };
      throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks };
  }

  private async ingestProblem(): Promise<string | null> {
    if (this.config.INGEST_ENABLED !== 'true') return null;
    // The lag comes through the client's admin, which retries for long while the broker is away; the
    // probe must answer meanwhile (the kafka check says why), so an unknown lag counts as none.
    const lag = await within(
      CHECK_TIMEOUT_MS,
      this.bus.consumerLag(this.config.KAFKA_CONSUMER_GROUP, this.topics.signals).catch(() => 0),
      0,
    );
    return this.ingestHealth.problem(lag);
  }
}

/** Each readiness check answers within this, or counts as failed: a probe must answer within its own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

/** `promise`'s value, or `fallback` when it takes longer than `ms`. */
function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
