import { Global, Module } from '@nestjs/common';
import type { KafkaBus } from '@signaalhub/kafka';
import { HubConfig } from '../config/hub-config.js';
import { HubTopics } from '../config/hub-topics.js';
import { KAFKA_BUS } from '@signaalhub/platform';
import { HubMetrics } from './hub-metrics.js';
import { MetricsController } from './metrics.controller.js';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: HubMetrics,
      inject: [KAFKA_BUS, HubConfig, HubTopics],
      useFactory: (bus: KafkaBus, config: HubConfig, topics: HubTopics) =>
        new HubMetrics(() => bus.consumerLag(config.KAFKA_CONSUMER_GROUP, topics.signals)),
    },
  ],
  exports: [HubMetrics],
})
export class MetricsModule {}
