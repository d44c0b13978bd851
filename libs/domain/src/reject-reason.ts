/**
 * Stable codes for refusing a signal at ingest. They travel in the DLQ header `x-reject-reason` and in
 * `SignalFeedback.reason_code`, so creditors build on them: add codes, never rename or reuse one. Later
 * steps (signature check, convenant rules) add their codes here, so there is one list to map.
 */
export const RejectReason = {
  /**
   * The message could not be decoded as a Signal (set by the hub's decode step), or a field holds a
   * type no decoded Signal can have.
   */
  MALFORMED: 'MALFORMED',
  /** A required field is absent or empty. */
  MISSING_FIELD: 'MISSING_FIELD',
  /** Not a Dutch postcode (1234AB). */
  INVALID_POSTCODE: 'INVALID_POSTCODE',
  /** House number outside 1–99999, or a house letter that is not one letter. */
  INVALID_HOUSE_NUMBER: 'INVALID_HOUSE_NUMBER',
  /** A date that is not a real calendar date YYYY-MM-DD, or a timestamp out of range. */
  INVALID_DATE: 'INVALID_DATE',
  /** A BSN that is not nine digits passing the eleven test: someone else's number must not be stored. */
  INVALID_BSN: 'INVALID_BSN',
  /** Amount in arrears below zero. */
  NEGATIVE_AMOUNT: 'NEGATIVE_AMOUNT',
  /** Sector UNSPECIFIED (0) or a number this version does not know. */
  UNKNOWN_SECTOR: 'UNKNOWN_SECTOR',
  /** Signal kind UNSPECIFIED (0) or a number this version does not know. */
  UNKNOWN_KIND: 'UNKNOWN_KIND',
  // Authenticity (checked against the creditor registry before anything else is read). Each of these
  // is also a security event in the audit trail: no creditor may write in another creditor's name.
  /** `creditor_id` is not a registered creditor. */
  UNKNOWN_CREDITOR: 'UNKNOWN_CREDITOR',
  /** `key_id` is not a key of that creditor. */
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  /** The key was revoked before the message was produced. */
  KEY_REVOKED: 'KEY_REVOKED',
  /** The Ed25519 signature does not verify over the payload with that key. */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** The Kafka key names another creditor than the signed envelope. */
  CREDITOR_MISMATCH: 'CREDITOR_MISMATCH',
  /** The creditor is not registered for the signal's sector. */
  SECTOR_NOT_ALLOWED: 'SECTOR_NOT_ALLOWED',
  /**
   * The signal passed every check but the database refused to store it (a data error only this
   * message has). The rest of its batch is stored; this one waits in the DLQ for an operator.
   */
  STORE_FAILED: 'STORE_FAILED',
  /** Amount in arrears above MAX_AMOUNT_CENTS (validation.ts): no household's arrears at one creditor reach it. */
  AMOUNT_OUT_OF_RANGE: 'AMOUNT_OUT_OF_RANGE',
  /** A text field longer than its register allows (BRP for names, BAG for addresses; see FIELD_MAX_LENGTH). */
  FIELD_TOO_LONG: 'FIELD_TOO_LONG',
  /**
   * Held unrouted (unknown or ambiguous postcode) and not routed by an operator within the retention
   * period: deleted, never delivered to a municipality.
   */
  NOT_ROUTABLE: 'NOT_ROUTABLE',
  /**
   * Judging this message failed in a way no redelivery cures (an error of the hub's own checks on
   * this message's content). It waits in the DLQ for an operator instead of stopping its partition.
   */
  PROCESSING_FAILED: 'PROCESSING_FAILED',
} as const;

/** The reject reasons that mean someone may be writing in another creditor's name. */
export const SECURITY_REJECT_REASONS: ReadonlySet<string> = new Set([
  RejectReason.UNKNOWN_CREDITOR,
  RejectReason.UNKNOWN_KEY,
  RejectReason.KEY_REVOKED,
  RejectReason.BAD_SIGNATURE,
  RejectReason.CREDITOR_MISMATCH,
  RejectReason.SECTOR_NOT_ALLOWED,
]);

export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];
