import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createKafkaBus, type KafkaBus } from '@signaalhub/kafka';
import type { KafkaClientSecurity } from './kafka-security.js';

/** Injection token of the app's one KafkaBus. */
export const KAFKA_BUS = Symbol('KAFKA_BUS');

export interface KafkaBusModuleOptions<C> {
  clientId: string;
  /** The app's validated config class, and how to read the brokers from it. */
  config: new (...args: never[]) => C;
  brokers: (config: C) => string[];
  /** TLS and SASL, as {@link loadKafkaSecurity} read them at start-up. */
  security: (config: C) => KafkaClientSecurity;
}

/**
 * One KafkaBus per app, built from the app's config, with the client's own warnings routed to the
 * app's logger, and closed when the app shuts down.
 */
@Global()
@Module({})
export class KafkaBusModule implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_BUS) private readonly bus: KafkaBus) {}

  static forRoot<C>(options: KafkaBusModuleOptions<C>): DynamicModule {
    return {
      module: KafkaBusModule,
      providers: [
        {
          provide: KAFKA_BUS,
          inject: [options.config],
          useFactory: (config: C): KafkaBus => {
            const logger = new Logger('Kafka');
            return createKafkaBus({
              brokers: options.brokers(config),
              clientId: options.clientId,
              ...options.security(config),
              log: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
            });
          },
        },
      ],
      exports: [KAFKA_BUS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
