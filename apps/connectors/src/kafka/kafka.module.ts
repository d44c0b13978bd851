import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createKafkaBus, type KafkaBus } from '@signaalhub/kafka';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { KAFKA_BUS } from './kafka.tokens.js';

@Global()
@Module({
  providers: [
    {
      provide: KAFKA_BUS,
      inject: [ConnectorsConfig],
      useFactory: (config: ConnectorsConfig): KafkaBus => {
        const logger = new Logger('Kafka');
        return createKafkaBus({
          brokers: config.kafkaBrokers,
          clientId: 'signaalhub-connectors',
          log: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
        });
      },
    },
  ],
  exports: [KAFKA_BUS],
})
export class KafkaModule implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_BUS) private readonly bus: KafkaBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
