import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HubMetrics } from './hub-metrics.js';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(HubMetrics) private readonly metrics: HubMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
