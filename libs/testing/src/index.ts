export * from './kafka-tls.js';
