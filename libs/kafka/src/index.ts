export * from './bus.js';
export { createKafkaBus, kafkaClientName } from './create-bus.js';
