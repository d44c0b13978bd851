import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { KafkaBus } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';

/**
 * The bus's ping fails fast on a refused connection, but a broker that accepts and then stalls would
 * hold it for the client's request timeout (30 s); a probe has to answer within its own (typically
 * 1–5 s), so an unanswered ping counts as down.
 */
const READY_TIMEOUT_MS = 2_500;

@Controller('health')
export class HealthController {
  constructor(@Inject(KAFKA_BUS) private readonly bus: KafkaBus) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Kafka answers, so published signals can be accepted. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: { kafka: 'up' | 'down' } }> {
    const kafka = (await withTimeout(this.bus.ping(), READY_TIMEOUT_MS, false)) ? 'up' : 'down';
    if (kafka === 'down') {
      throw new HttpException({ status: 'down', checks: { kafka } }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks: { kafka } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
