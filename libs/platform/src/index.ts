// Nest infrastructure both apps share: logging and the Kafka bus module.
export { KAFKA_BUS, KafkaBusModule, type KafkaBusModuleOptions } from './kafka-bus.module.js';
export { loggerOptions } from './logger-options.js';
