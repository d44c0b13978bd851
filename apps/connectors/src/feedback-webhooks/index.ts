export { FeedbackWebhooksModule } from './feedback-webhooks.module.js';
