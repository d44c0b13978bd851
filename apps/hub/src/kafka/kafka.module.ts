import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createKafkaBus, type KafkaBus } from '@signaalhub/kafka';
import { HubConfig } from '../config/hub-config.js';
import { KAFKA_BUS } from './kafka.tokens.js';

@Global()
@Module({
  providers: [
    {
      provide: KAFKA_BUS,
      inject: [HubConfig],
      useFactory: (config: HubConfig): KafkaBus => {
        const logger = new Logger('Kafka');
        return createKafkaBus({
          brokers: config.kafkaBrokers,
          clientId: 'signaalhub-hub',
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
