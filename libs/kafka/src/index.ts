export * from './bus.js';
export { createKafkaBus } from './kafkajs-bus.js';
