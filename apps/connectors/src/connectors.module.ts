import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConnectorsConfigModule } from './config/config.module.js';
import { ConnectorsConfig } from './config/connectors-config.js';
import { CsvInboxModule } from './csv-inbox/csv-inbox.module.js';
import { HealthModule } from './health/health.module.js';
import { KafkaBusModule, loggerOptions } from '@signaalhub/platform';
import { MetricsModule } from './metrics/metrics.module.js';
import { SigningModule } from './signing/signing.module.js';

/** The connectors service, built from one validated config plus the feature modules bootstrap chose. */
@Module({})
export class ConnectorsModule {
  static forRoot(config: ConnectorsConfig, features: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: ConnectorsModule,
      imports: [
        ConnectorsConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.NODE_ENV)),
        KafkaBusModule.forRoot({
          clientId: 'signaalhub-connectors',
          config: ConnectorsConfig,
          brokers: (c) => c.kafkaBrokers,
          security: (c) => c.kafkaSecurity,
        }),
        MetricsModule,
        HealthModule,
        ...(config.CREDITOR_SIGNING_KEYS_DIR !== undefined ? [SigningModule] : []),
        ...(config.csvInboxEnabled ? [CsvInboxModule] : []),
        ...features,
      ],
    };
  }
}
