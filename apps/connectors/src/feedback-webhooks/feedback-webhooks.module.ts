import { setTimeout as sleep } from 'node:timers/promises';
import { Logger, Module } from '@nestjs/common';
import { join } from 'node:path';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { FileDeliveryJournal, type DeliveryJournal } from './delivery-journal.js';
import { DELIVERY_JOURNAL } from './feedback-webhooks.tokens.js';
import { FeedbackWebhooksService } from './feedback-webhooks.service.js';
import { ParkedFeedbackController } from './parked-feedback.controller.js';
import {
  FeedbackWebhookDispatcher,
  fetchPost,
  MAX_PARKED_PER_CREDITOR,
  REMEMBERED_FEEDBACK_IDS,
} from './webhook-dispatcher.js';
import { loadWebhookTargets } from './webhook-targets.js';

/** Pushes each creditor's feedback to its webhook; needs the REST ingress for creditor authentication. */
@Module({
  controllers: [ParkedFeedbackController],
  providers: [
    {
      provide: DELIVERY_JOURNAL,
      inject: [ConnectorsConfig],
      useFactory: (config: ConnectorsConfig) =>
        new FileDeliveryJournal(join(config.FEEDBACK_STATE_DIR!, 'webhooks'), {
          delivered: REMEMBERED_FEEDBACK_IDS,
          parked: MAX_PARKED_PER_CREDITOR,
        }),
    },
    {
      provide: FeedbackWebhookDispatcher,
      inject: [ConnectorsConfig, DELIVERY_JOURNAL],
      useFactory: (config: ConnectorsConfig, journal: DeliveryJournal) => {
        const logger = new Logger('FeedbackWebhooks');
        return new FeedbackWebhookDispatcher({
          targets: loadWebhookTargets(config.FEEDBACK_WEBHOOKS_FILE!, config.NODE_ENV === 'production'),
          maxAttempts: config.FEEDBACK_WEBHOOK_MAX_ATTEMPTS,
          retryBaseMs: config.FEEDBACK_WEBHOOK_RETRY_BASE_MS,
          post: fetchPost,
          // Unref'd: a pending retry must not keep a stopping process alive.
          sleep: (ms) => sleep(ms, undefined, { ref: false }),
          now: () => Date.now(),
          journal,
          onParked: (creditorId, parked) =>
            logger.warn(`Feedback ${parked.feedbackId} of ${creditorId} parked after ${parked.attempts} attempts`),
        });
      },
    },
    FeedbackWebhooksService,
  ],
})
export class FeedbackWebhooksModule {}
