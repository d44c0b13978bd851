import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConnectorsConfigModule } from './config/config.module.js';
import type { ConnectorsConfig } from './config/connectors-config.js';
import { HealthModule } from './health/health.module.js';
import { KafkaModule } from './kafka/kafka.module.js';
import { loggerOptions } from './logging/logger.options.js';
import { MetricsModule } from './metrics/metrics.module.js';

/** The connectors service, built from one validated config plus the feature modules bootstrap chose. */
@Module({})
export class ConnectorsModule {
  static forRoot(config: ConnectorsConfig, features: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: ConnectorsModule,
      imports: [
        ConnectorsConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.NODE_ENV)),
        KafkaModule,
        MetricsModule,
        HealthModule,
        ...features,
      ],
    };
  }
}
