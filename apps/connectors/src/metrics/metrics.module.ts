import { Global, Module } from '@nestjs/common';
import { ConnectorsMetrics } from './connectors-metrics.js';
import { MetricsController } from './metrics.controller.js';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: ConnectorsMetrics, useFactory: () => new ConnectorsMetrics() }],
  exports: [ConnectorsMetrics],
})
export class MetricsModule {}
