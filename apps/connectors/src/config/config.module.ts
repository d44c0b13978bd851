import { type DynamicModule, Module } from '@nestjs/common';
import { ConnectorsConfig } from './connectors-config.js';
import { ConnectorsTopics } from './connectors-topics.js';

@Module({})
export class ConnectorsConfigModule {
  static forRoot(config: ConnectorsConfig): DynamicModule {
    return {
      module: ConnectorsConfigModule,
      global: true,
      providers: [
        { provide: ConnectorsConfig, useValue: config },
        { provide: ConnectorsTopics, useValue: new ConnectorsTopics(config.KAFKA_TOPIC_PREFIX) },
      ],
      exports: [ConnectorsConfig, ConnectorsTopics],
    };
  }
}
