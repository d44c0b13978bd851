// @signaalhub/contracts: everything two parties must agree on to talk over Kafka.
export * from './gen/signaalhub/v1/signal_pb.js';
export * from './gen/signaalhub/v1/feedback_pb.js';
export * from './topics.js';
export * from './codec.js';
export * from './signature.js';
export * from './dead-letter.js';
