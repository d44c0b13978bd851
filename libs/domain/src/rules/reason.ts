// The outcomes of the convenant-rules step and their stable reason codes. REJECTED codes go back to the
// creditor in `SignalFeedback.reason_code` (it must be able to fix the signal); the other outcomes are
// the municipality's statuses. Add codes, never rename or reuse one.

/** What the rules decided about one signal. */
export type RuleOutcome = 'ACCEPTED' | 'NOT_PICKED_UP_UNFOUNDED' | 'NOT_PICKED_UP_REPEAT' | 'RESOLVED' | 'REJECTED';

/** Each reason code with the one outcome it belongs to, so a step names only the reason. */
export const RULE_REASONS = {
  /** No rule set covers the sector on the signal date. */
  NO_RULE_SET: 'REJECTED',
  /** An attestation the sector requires is absent, or the reminder is dated after the signal (Bgs art. 2). */
  ATTESTATION_MISSING: 'REJECTED',
  /** The debtor objected to passing the data to the municipality (Bgs art. 2 sub d). */
  OBJECTION_RECEIVED: 'REJECTED',
  /** No agreement of creditor × municipality × sector in force on the signal date. */
  NO_AGREEMENT: 'REJECTED',
  /** An experiment sector in a municipality that does not take part in that experiment. */
  EXPERIMENT_NOT_CONFIGURED: 'REJECTED',
  /** END_OF_SUPPLY from a sector without supply to end (only energy and water have one). */
  END_OF_SUPPLY_NOT_APPLICABLE: 'REJECTED',
  /** END_OF_SUPPLY without an earlier signal for the same creditor reference. */
  END_OF_SUPPLY_WITHOUT_EARLIER_SIGNAL: 'REJECTED',
  /** Supply ends fewer than the required working days after the signal date. */
  SUPPLY_END_TOO_SOON: 'REJECTED',
  /** WITHDRAWN for a creditor reference the hub has no signal for. */
  WITHDRAWN_UNKNOWN_SIGNAL: 'REJECTED',
  /** The arrears began after the signal date. */
  ARREARS_SINCE_AFTER_SIGNAL_DATE: 'REJECTED',
  /** The creditor withdrew an earlier signal: the arrears are resolved. */
  WITHDRAWN: 'RESOLVED',
  /** Outside the sector's day window ("Niet opgepakt: onterecht signaal"). */
  OUTSIDE_WINDOW: 'NOT_PICKED_UP_UNFOUNDED',
  /** Below the municipality's or the experiment's minimum amount ("Niet opgepakt: onterecht signaal"). */
  BELOW_MINIMUM_AMOUNT: 'NOT_PICKED_UP_UNFOUNDED',
  /** Same arrears signalled again without a higher amount ("Niet opgepakt: herhaalde melding"). */
  REPEAT_SIGNAL: 'NOT_PICKED_UP_REPEAT',
  /** Passed every rule. */
  ACCEPTED: 'ACCEPTED',
  /** Energy or water outside the LCV window: their regulations take precedence. */
  ACCEPTED_OUTSIDE_LCV_WINDOW: 'ACCEPTED',
  /** A repeat of the same arrears with a higher amount. */
  AMOUNT_ROSE: 'ACCEPTED',
} as const satisfies Record<string, RuleOutcome>;

export type RuleReason = keyof typeof RULE_REASONS;
