import type { KafkaBus, KafkaBusOptions, KafkaClientName } from './bus.js';
import { createKafkajsBus } from './kafkajs-bus.js';
import { createPlatformaticBus } from './platformatic-bus.js';

const CLIENTS: Record<KafkaClientName, (options: KafkaBusOptions) => KafkaBus> = {
  kafkajs: createKafkajsBus,
  platformatic: createPlatformaticBus,
};

/**
 * The bus on the client the options name, else the one `KAFKA_CLIENT` names, else kafkajs. An
 * unknown name is refused: a typo must not fall back silently to the other client.
 */
export function createKafkaBus(options: KafkaBusOptions): KafkaBus {
  return CLIENTS[kafkaClientName(options.client ?? process.env.KAFKA_CLIENT)](options);
}

export function kafkaClientName(value: string | undefined): KafkaClientName {
  if (value === undefined || value === '') return 'kafkajs';
  if (value === 'kafkajs' || value === 'platformatic') return value;
  throw new RangeError(`KAFKA_CLIENT must be kafkajs or platformatic, not ${JSON.stringify(value)}`);
}
