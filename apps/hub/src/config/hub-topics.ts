import { TOPIC_FEEDBACK, TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ } from '@signaalhub/contracts';

/** The contract topic names, behind an optional prefix that keeps test runs and tenants apart. */
export class HubTopics {
  readonly signals: string;
  readonly deadLetter: string;
  readonly feedback: string;

  constructor(prefix: string) {
    this.signals = prefix + TOPIC_SIGNALS;
    this.deadLetter = prefix + TOPIC_SIGNALS_DLQ;
    this.feedback = prefix + TOPIC_FEEDBACK;
  }
}
