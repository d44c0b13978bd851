export const KAFKA_BUS = Symbol('KAFKA_BUS');
