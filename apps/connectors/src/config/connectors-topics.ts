import { TOPIC_FEEDBACK, TOPIC_SIGNALS } from '@signaalhub/contracts';

/** The contract topic names the connectors use, behind the deployment's prefix. */
export class ConnectorsTopics {
  readonly signals: string;
  readonly feedback: string;

  constructor(prefix: string) {
    this.signals = prefix + TOPIC_SIGNALS;
    this.feedback = prefix + TOPIC_FEEDBACK;
  }
}
