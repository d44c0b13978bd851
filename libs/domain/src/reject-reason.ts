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
} as const;

export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];
