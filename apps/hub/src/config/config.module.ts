import { type DynamicModule, Module } from '@nestjs/common';
import { HubConfig } from './hub-config.js';
import { HubTopics } from './hub-topics.js';

@Module({})
export class HubConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubConfigModule,
      global: true,
      providers: [
        { provide: HubConfig, useValue: config },
        { provide: HubTopics, useValue: new HubTopics(config.KAFKA_TOPIC_PREFIX) },
      ],
      exports: [HubConfig, HubTopics],
    };
  }
}
