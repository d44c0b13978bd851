// Nest infrastructure both apps share: logging and the Kafka bus module.
export { KAFKA_BUS, KafkaBusModule, type KafkaBusModuleOptions } from './kafka-bus.module.js';
export { loggerOptions, type LogCapture } from './logger-options.js';
export { KAFKA_SECURITY_ENV_KEYS, loadKafkaSecurity, type KafkaClientSecurity } from './kafka-security.js';
export { bearerTokenOptions, hasExpiry, TOKEN_AUDIENCE, type BearerTokenSource } from './bearer-token.js';
