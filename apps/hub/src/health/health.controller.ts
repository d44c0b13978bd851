import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { KafkaBus } from '@signaalhub/kafka';
import { DataSource } from 'typeorm';
import { KAFKA_BUS } from '@signaalhub/platform';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Kafka both answer. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up' | 'down'> }> {
    const [database, kafka] = await Promise.all([
      this.dataSource
        .query('SELECT 1')
        .then(() => 'up' as const)
        .catch(() => 'down' as const),
      this.bus.ping().then((up) => (up ? ('up' as const) : ('down' as const))),
    ]);
    const checks = { database, kafka };
    if (database === 'down' || kafka === 'down') {
      throw new HttpException({ status: 'down', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks };
  }
}
