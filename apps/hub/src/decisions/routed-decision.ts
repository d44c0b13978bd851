import {
  discloseRuleDecision,
  evaluateSignal,
  signalStatusForOutcome,
  type NormalisedSignal,
  type PreviousSignal,
  type RuleDecision,
  type SignalStatus,
} from '@signaalhub/domain';
import type { RegistrySnapshot } from '../creditors/registry-snapshot.js';
import { feedbackEvent, type FeedbackEvent } from '../outbox/feedback-event.js';

/** What the convenant rules decided about a routed signal, and the status it is stored with. */
export interface RoutedDecision {
  decision: RuleDecision;
  status: SignalStatus;
}

/**
 * The convenant rules for a signal whose municipality is known, against that municipality's agreement
 * with the creditor and its policy. The one place both the ingest and manual routing judge a routed
 * signal, so a signal is decided the same way whichever path routed it.
 */
export function judgeRoutedSignal(
  routed: { creditorId: string; municipality: string; signal: NormalisedSignal },
  registry: RegistrySnapshot,
  previous: PreviousSignal | null,
): RoutedDecision {
  const { creditorId, municipality, signal } = routed;
  const decision = evaluateSignal(signal, {
    agreement: registry.agreement(creditorId, municipality, signal.sector, signal.signalDate),
    policy: registry.policy(municipality),
    previous,
  });
  return { decision, status: signalStatusForOutcome(decision.outcome) ?? 'NOT_YET_PICKED_UP' };
}

/**
 * What the creditor may learn of the decision (disclosure rules), as one outbox event. `cause` makes
 * the feedback id: the same cause always yields the same id, so a retry writes no second row.
 */
export function decisionFeedback(
  cause: string,
  signal: { creditorId: string; creditorSignalRef: string },
  decision: RuleDecision,
): FeedbackEvent {
  return feedbackEvent(cause, signal, discloseRuleDecision(decision));
}
