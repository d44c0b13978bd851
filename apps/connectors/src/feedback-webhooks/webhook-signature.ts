import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature of a feedback webhook. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-signaalhub-signature';

/** How far a signature's timestamp may lie from the receiver's clock by default (replay window). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for `body` sent at `timestamp` (unix seconds): `t=<unix>,v1=<hex HMAC-SHA256>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export interface VerifyWebhookOptions {
  /** The receiver's clock in unix seconds; defaults to now. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

/**
 * What a creditor's receiver runs on each POST: true only when `header` is a signature of exactly
 * `rawBody` (the bytes as received, before any JSON parsing) with the shared secret, made within the
 * tolerance of the receiver's clock. Anything malformed is false, never an exception.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  options: VerifyWebhookOptions = {},
): boolean {
  if (typeof header !== 'string') return false;
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return false;
  const timestamp = Number(match[1]);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}
