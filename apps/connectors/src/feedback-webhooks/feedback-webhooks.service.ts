import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FeedbackStream } from '../feedback-stream/feedback-stream.service.js';
import { DELIVERY_JOURNAL } from './feedback-webhooks.tokens.js';
import type { DeliveryJournal } from './delivery-journal.js';
import { FeedbackWebhookDispatcher } from './webhook-dispatcher.js';

/**
 * Feeds the dispatcher from the process's one feedback stream, which reads the topic from its
 * beginning at every start; the dispatcher's journal keeps a feedback id delivered before the
 * restart from being delivered again.
 */
@Injectable()
export class FeedbackWebhooksService implements OnApplicationShutdown {
  constructor(
    @Inject(FeedbackStream) stream: FeedbackStream,
    @Inject(FeedbackWebhookDispatcher) dispatcher: FeedbackWebhookDispatcher,
    @Inject(DELIVERY_JOURNAL) private readonly journal: DeliveryJournal,
  ) {
    stream.listen((message) => dispatcher.enqueue(message));
  }

  onApplicationShutdown(): void {
    this.journal.close();
  }
}
