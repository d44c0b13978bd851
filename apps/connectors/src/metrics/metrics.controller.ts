import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ConnectorsMetrics } from './connectors-metrics.js';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ConnectorsMetrics) private readonly metrics: ConnectorsMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
