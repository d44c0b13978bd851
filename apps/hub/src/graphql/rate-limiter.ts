/** Requests allowed per subject: `requests` per `windowSeconds`, refilled evenly (a token bucket). */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Subjects tracked at most; beyond it, buckets that have refilled (same as absent) are dropped first. */
const MAX_TRACKED_SUBJECTS = 50_000;

/**
 * A token bucket per subject (the JWT `sub`), in the memory of one hub instance: with N instances
 * behind a load balancer a subject gets up to N times the limit. That bounds abuse by one token without
 * shared state (ARCHITECTURE.md: no instance keeps state outside Kafka and Postgres); a limit across
 * instances belongs in the gateway in front of them. The clock is injected so tests do not wait.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit.requests / (limit.windowSeconds * 1000);
  }

  take(subject: string): Admission {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(subject), now);
    if (bucket.tokens >= 1) {
      this.remember(subject, { tokens: bucket.tokens - 1, at: now });
      return { allowed: true };
    }
    this.remember(subject, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.requests, at: now };
    // A clock that steps back never adds tokens.
    const elapsed = Math.max(0, now - bucket.at);
    return { tokens: Math.min(this.limit.requests, bucket.tokens + elapsed * this.perMs), at: now };
  }

  private remember(subject: string, bucket: Bucket): void {
    this.buckets.delete(subject);
    this.buckets.set(subject, bucket);
    if (this.buckets.size <= MAX_TRACKED_SUBJECTS) return;
    const now = this.now();
    for (const [key, value] of this.buckets) {
      if (this.refilled(value, now).tokens >= this.limit.requests) this.buckets.delete(key);
    }
    // Still full: forget the least recently seen subjects (they start again with a full bucket).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_TRACKED_SUBJECTS) break;
      this.buckets.delete(key);
    }
  }
}
