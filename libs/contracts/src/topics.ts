// Kafka topic names, DLQ headers and message keys: the wire contract with creditors' connectors and
// the acceptance tests (ARCHITECTURE.md, "Kafka topics"). Apps import these instead of spelling strings.

/** Signals from connectors; value `signaalhub.v1.SignalEnvelope`, key {@link signalKey}. */
export const TOPIC_SIGNALS = 'vroegsignalering.signals.v1';
/** Rejected signals: the original key, the original bytes sealed with a hub key, so an operator can replay them after a fix. */
export const TOPIC_SIGNALS_DLQ = 'vroegsignalering.signals.dlq.v1';
/** Feedback to creditors; value `signaalhub.v1.SignalFeedback`, key {@link feedbackKey}. */
export const TOPIC_FEEDBACK = 'vroegsignalering.feedback.v1';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `retention.ms` each topic is created with unless configured otherwise (ARCHITECTURE.md: every
 * topic has an explicit retention). Fourteen days covers a hub outage over a long weekend plus
 * replay after a fix, without keeping personal data on Kafka longer than that.
 */
export const DEFAULT_TOPIC_RETENTION_MS: Readonly<Record<string, number>> = Object.freeze({
  [TOPIC_SIGNALS]: 14 * DAY_MS,
  [TOPIC_SIGNALS_DLQ]: 14 * DAY_MS,
  [TOPIC_FEEDBACK]: 14 * DAY_MS,
});

/** The broker's default `message.max.bytes` (1 MiB and 12 bytes), which the signals topic keeps. */
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * `max.message.bytes` of the dead-letter topic. A dead letter is its original sealed (42 bytes more)
 * with the reject headers: with the broker's default it would be refused for an original of nearly
 * the largest size the signals topic accepts, failing that message's batch on every delivery. 64 KiB
 * of room over the signals topic's limit; a cluster that raises one raises the other with it.
 */
export const DLQ_MAX_MESSAGE_BYTES = BROKER_DEFAULT_MAX_MESSAGE_BYTES + 64 * 1024;

/** Machine-readable reject code; the same code goes to the creditor as `SignalFeedback.reason_code`. */
export const DLQ_HEADER_REJECT_REASON = 'x-reject-reason';
/** Human-readable detail for operators. Must never contain personal data such as a BSN. */
export const DLQ_HEADER_REJECT_DETAIL = 'x-reject-detail';
export const DLQ_HEADER_SOURCE_TOPIC = 'x-source-topic';
export const DLQ_HEADER_SOURCE_PARTITION = 'x-source-partition';
export const DLQ_HEADER_SOURCE_OFFSET = 'x-source-offset';
/** That the value is sealed, and with which hub key: `aes-256-gcm;key=<keyId>` (see dead-letter.ts). */
export const DLQ_HEADER_ENCRYPTION = 'x-dlq-encryption';

export type DlqHeaderName =
  | typeof DLQ_HEADER_REJECT_REASON
  | typeof DLQ_HEADER_REJECT_DETAIL
  | typeof DLQ_HEADER_SOURCE_TOPIC
  | typeof DLQ_HEADER_SOURCE_PARTITION
  | typeof DLQ_HEADER_SOURCE_OFFSET
  | typeof DLQ_HEADER_ENCRYPTION;

export const SIGNAL_KEY_SEPARATOR = ':';

/**
 * Kafka key of a signal: `<creditorId>:<creditorSignalRef>`. One key per creditor case keeps NEW,
 * UPDATE, WITHDRAWN and END_OF_SUPPLY of that case on one partition, in order.
 *
 * A creditor id containing `:` is refused because {@link parseSignalKey} splits on the first `:` —
 * the creditor's own reference may contain any character, the id we hand out must not.
 */
export function signalKey(creditorId: string, creditorSignalRef: string): string {
  if (creditorId === '' || creditorId.includes(SIGNAL_KEY_SEPARATOR)) {
    throw new RangeError(`creditorId must be non-empty and must not contain "${SIGNAL_KEY_SEPARATOR}"`);
  }
  if (creditorSignalRef === '') {
    throw new RangeError('creditorSignalRef must be non-empty');
  }
  return `${creditorId}${SIGNAL_KEY_SEPARATOR}${creditorSignalRef}`;
}

/**
 * Inverse of {@link signalKey}, for checking that a message's key matches its envelope and payload.
 * Keys come from the network, so a malformed key yields `undefined` rather than an exception.
 */
export function parseSignalKey(key: string): { creditorId: string; creditorSignalRef: string } | undefined {
  const at = key.indexOf(SIGNAL_KEY_SEPARATOR);
  if (at <= 0 || at === key.length - 1) return undefined;
  return { creditorId: key.slice(0, at), creditorSignalRef: key.slice(at + 1) };
}

/** Kafka key of feedback: the creditor id, so each creditor reads its feedback in order. */
export function feedbackKey(creditorId: string): string {
  if (creditorId === '') throw new RangeError('creditorId must be non-empty');
  return creditorId;
}
