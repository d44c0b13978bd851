import type { DeliveryJournal } from './delivery-journal.js';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';
import type { WebhookTarget } from './webhook-targets.js';

/** One feedback message as it is POSTed to a creditor's webhook (the JSON body). */
export interface WebhookFeedback {
  feedbackId: string;
  creditorId: string;
  creditorSignalRef: string;
  status: string;
  reasonCode?: string;
  occurredAt?: string;
  /** The same cursor `GET /v1/feedback` hands out, so a receiver can fall back to pulling. */
  cursor: string;
}

/** A delivery that failed every attempt; kept until it is redelivered. */
export interface ParkedDelivery {
  feedbackId: string;
  creditorSignalRef: string;
  status: string;
  attempts: number;
  /** An HTTP status or an error class: never the URL, the body or the receiver's answer. */
  lastError: string;
  parkedAt: string;
}

/** The outcome of one POST: the HTTP status, or what went wrong before one came back. */
export type PostResult = { status: number } | { error: string };

export interface DispatcherOptions {
  targets: ReadonlyMap<string, WebhookTarget>;
  maxAttempts: number;
  /** The wait before the second attempt; it doubles per attempt, up to {@link MAX_RETRY_DELAY_MS}. */
  retryBaseMs: number;
  post: (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;
  sleep: (ms: number) => Promise<void>;
  /** Wall clock in milliseconds; the signature's timestamp and parkedAt come from it. */
  now: () => number;
  /** Told about each parked delivery (for logs and metrics): ids only. */
  onParked?: (creditorId: string, parked: ParkedDelivery) => void;
  /**
   * Where delivered ids and parked deliveries survive a restart; the state it holds is loaded at
   * construction. Without one (unit tests) the state lives only as long as the dispatcher.
   */
  journal?: DeliveryJournal;
}

export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Deliveries in flight (including those waiting to retry) per creditor. */
export const CONCURRENT_DELIVERIES_PER_CREDITOR = 4;
/** Feedback ids remembered per creditor to deliver each once; the oldest are forgotten first. */
export const REMEMBERED_FEEDBACK_IDS = 100_000;
/** Parked deliveries kept per creditor; beyond it the oldest go (still pullable via GET /v1/feedback). */
export const MAX_PARKED_PER_CREDITOR = 10_000;

interface CreditorQueue {
  target: WebhookTarget;
  pending: WebhookFeedback[];
  active: number;
  seen: Set<string>;
  parked: Map<string, { feedback: WebhookFeedback; parked: ParkedDelivery }>;
}

/**
 * Delivers each creditor's feedback to its webhook, each feedback id once: signed POSTs, retried
 * with exponential backoff, parked after `maxAttempts` failures until someone asks for redelivery.
 * Delivered ids and parked deliveries are journaled, so a restart neither delivers a feedback id
 * again nor forgets a parked delivery; a delivery still pending at a crash is delivered after the
 * restart, when the feedback topic is read again (at least once, README "Feedback webhooks").
 */
export class FeedbackWebhookDispatcher {
  private readonly queues = new Map<string, CreditorQueue>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) throw new RangeError('maxAttempts < 1');
    for (const [creditorId, target] of options.targets) {
      const state = options.journal?.load(creditorId) ?? { delivered: [], parked: [] };
      this.queues.set(creditorId, {
        target,
        pending: [],
        active: 0,
        seen: new Set([...state.delivered, ...state.parked.map((p) => p.feedback.feedbackId)]),
        parked: new Map(state.parked.map((p) => [p.feedback.feedbackId, p])),
      });
    }
  }

  /** Creditors with a webhook. */
  creditors(): string[] {
    return [...this.queues.keys()];
  }

  /** False when the creditor has no webhook or this feedback id was taken before. */
  enqueue(feedback: WebhookFeedback): boolean {
    const queue = this.queues.get(feedback.creditorId);
    if (!queue || queue.seen.has(feedback.feedbackId)) return false;
    queue.seen.add(feedback.feedbackId);
    if (queue.seen.size > REMEMBERED_FEEDBACK_IDS) queue.seen.delete(queue.seen.values().next().value as string);
    queue.pending.push(feedback);
    this.pump(queue);
    return true;
  }

  parked(creditorId: string): ParkedDelivery[] {
    return [...(this.queues.get(creditorId)?.parked.values() ?? [])].map((p) => ({ ...p.parked }));
  }

  /** Puts a parked delivery back in the queue with fresh attempts; false when the creditor has none by that id. */
  redeliver(creditorId: string, feedbackId: string): boolean {
    const queue = this.queues.get(creditorId);
    const entry = queue?.parked.get(feedbackId);
    if (!queue || !entry) return false;
    queue.parked.delete(feedbackId);
    queue.pending.push(entry.feedback);
    this.pump(queue);
    return true;
  }

  /** Resolves when nothing is in flight (for shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private pump(queue: CreditorQueue): void {
    while (queue.active < CONCURRENT_DELIVERIES_PER_CREDITOR && queue.pending.length > 0) {
      const feedback = queue.pending.shift()!;
      queue.active += 1;
      const run = this.deliver(queue, feedback).finally(() => {
        queue.active -= 1;
        this.inFlight.delete(run);
        this.pump(queue);
      });
      this.inFlight.add(run);
    }
  }

  private async deliver(queue: CreditorQueue, feedback: WebhookFeedback): Promise<void> {
    const body = JSON.stringify(feedback);
    let lastError = '';
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      if (attempt > 1) {
        await this.options.sleep(Math.min(this.options.retryBaseMs * 2 ** (attempt - 2), MAX_RETRY_DELAY_MS));
      }
      const timestamp = Math.floor(this.options.now() / 1000);
      let result: PostResult;
      try {
        result = await this.options.post(
          queue.target.url,
          {
            'content-type': 'application/json',
            [WEBHOOK_SIGNATURE_HEADER]: signWebhook(queue.target.secret, timestamp, body),
            'x-signaalhub-feedback-id': feedback.feedbackId,
          },
          body,
        );
      } catch (error) {
        result = { error: error instanceof Error ? error.name : 'Error' };
      }
      if ('status' in result && result.status >= 200 && result.status < 300) {
        this.options.journal?.delivered(feedback.creditorId, feedback.feedbackId);
        return;
      }
      lastError = 'status' in result ? `HTTP ${result.status}` : result.error;
    }
    const parked: ParkedDelivery = {
      feedbackId: feedback.feedbackId,
      creditorSignalRef: feedback.creditorSignalRef,
      status: feedback.status,
      attempts: this.options.maxAttempts,
      lastError,
      parkedAt: new Date(this.options.now()).toISOString(),
    };
    this.options.journal?.parked(feedback.creditorId, feedback, parked);
    queue.parked.set(feedback.feedbackId, { feedback, parked });
    if (queue.parked.size > MAX_PARKED_PER_CREDITOR) queue.parked.delete(queue.parked.keys().next().value as string);
    this.options.onParked?.(feedback.creditorId, parked);
  }
}

/** A POST with fetch: no redirects followed (a receiver moving is a configuration change), bounded in time. */
export async function fetchPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = 10_000,
): Promise<PostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer is not read beyond its status; drain it so the connection can be reused.
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { error: error instanceof Error && error.name === 'TimeoutError' ? 'Timeout' : 'ConnectionError' };
  }
}
