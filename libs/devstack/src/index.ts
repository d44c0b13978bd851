export * from './kafka-broker.js';
export * from './ports.js';
export * from './postgres.js';
export * from './tokens.js';
export * from './dead-letter-key.js';
