/**
 * Bounded retry of transient Kafka failures. Right after topics are created (or a broker restarts)
 * partitions can be briefly without a leader, and a client asking then gets errors such as "This
 * server does not host this topic-partition". Those pass; an authentication failure or a bad
 * config does not, and must surface at once rather than after the retry budget.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 8, initialDelayMs: 200, maxDelayMs: 5_000 };

/** A send retries less than a connect: the client below already retried each request. */
/** An error as the adapters log it: its name and message, never a message's contents. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export const SEND_RETRY_POLICY: RetryPolicy = { attempts: 4, initialDelayMs: 500, maxDelayMs: 5_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): doubling from the initial delay, capped.
 * `jitter` in [0, 1) spreads clients that failed together over the upper half of the delay, so
 * they do not all come back at the same moment.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, jitter = 0): number {
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, retry - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * Math.min(Math.max(jitter, 0), 0.999));
}

/** The longest a call can spend waiting between attempts under `policy`. */
export function worstCaseWaitMs(policy: RetryPolicy): number {
  let total = 0;
  for (let retry = 1; retry < policy.attempts; retry++) total += backoffDelay(retry, policy, 0.999);
  return total;
}

/**
 * Kafka protocol errors that describe a passing state of the cluster (leader election, a
 * coordinator or topic still loading), by their protocol name.
 */
const TRANSIENT_TYPES = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_CONTROLLER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
  'REBALANCE_IN_PROGRESS',
  'KAFKA_STORAGE_ERROR',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'FETCH_SESSION_ID_NOT_FOUND',
  'OFFSET_NOT_AVAILABLE',
]);

/**
 * Failures that no retry here can fix, whatever else the error chain says. That includes the
 * client's "retries exceeded": it already spent its own backoff on the cause, and starting that
 * budget over would multiply the wait for a cluster that is simply down.
 */
const PERMANENT_NAMES = new Set([
  'KafkaJSSASLAuthenticationError',
  'KafkaJSInvalidTopicError',
  'KafkaJSNumberOfRetriesExceeded',
]);
/** @platformatic/kafka's codes of the same kind: a refused login, a request the cluster cannot serve. */
const PERMANENT_CODES = new Set(['PLT_KFK_AUTHENTICATION', 'PLT_KFK_UNSUPPORTED_API', 'PLT_KFK_USER']);
const PERMANENT_TYPE = /AUTHORIZATION_FAILED|AUTHENTICATION|SASL|UNSUPPORTED|INVALID|POLICY_VIOLATION/;

interface ErrorLike {
  name?: unknown;
  type?: unknown;
  retriable?: unknown;
  /** @platformatic/kafka: the protocol error's name, its retriable flag, and its error code. */
  apiId?: unknown;
  canRetry?: unknown;
  code?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

/**
 * True when `error` is worth another attempt. Reads the client's own `retriable` flag and the
 * protocol error type, also through wrappers (causes, grouped per-partition errors), so a
 * transient cause is recognised under them, and a permanent one anywhere in the chain wins.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  const chain = errorChain(error);
  if (chain.some(isPermanent)) return false;
  return chain.some((e) => e.retriable === true || e.canRetry === true || TRANSIENT_TYPES.has(protocolType(e) ?? ''));
}

/** The protocol error name, as kafkajs (`type`) or @platformatic/kafka (`apiId`) carries it. */
function protocolType(e: ErrorLike): string | undefined {
  if (typeof e.type === 'string') return e.type;
  return typeof e.apiId === 'string' ? e.apiId : undefined;
}

function isPermanent(e: ErrorLike): boolean {
  return (
    (typeof e.name === 'string' && PERMANENT_NAMES.has(e.name)) ||
    (typeof e.code === 'string' && PERMANENT_CODES.has(e.code)) ||
    PERMANENT_TYPE.test(protocolType(e) ?? '')
  );
}

function errorChain(error: unknown): ErrorLike[] {
  const seen = new Set<unknown>();
  const out: ErrorLike[] = [];
  const visit = (e: unknown) => {
    if (typeof e !== 'object' || e === null || seen.has(e) || out.length > 32) return;
    seen.add(e);
    const like = e as ErrorLike;
    out.push(like);
    visit(like.cause);
    visit(like.originalError);
    if (Array.isArray(like.errors)) like.errors.forEach(visit);
  };
  visit(error);
  return out;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  isRetriable?: (error: unknown) => boolean;
  /** Told before each wait; for a log line. */
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it resolves, a non-retriable error occurs, or the policy's attempts are
 * spent; then the last error is thrown as it is.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = hooks.random ?? Math.random;
  const retriable = hooks.isRetriable ?? isRetriableKafkaError;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.attempts || !retriable(error)) throw error;
      const delay = backoffDelay(n, policy, random());
      hooks.onRetry?.(error, n, delay);
      await sleep(delay);
    }
  }
}
