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
      this.database.databaseAnswers().then((up) => (up ? ('up' as const) : ('down' as const))),
      this.bus.ping().then((up) => (up ? ('up' as const) : ('down' as const))),
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
    const lag = await this.bus.consumerLag(this.config.KAFKA_CONSUMER_GROUP, this.topics.signals).catch(() => 0);
    return this.ingestHealth.problem(lag);
  }
}
