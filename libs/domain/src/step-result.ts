// The result of a check that either passes a (richer) value on or refuses with a stable reason code,
// so a refused message can go to the DLQ and back to the creditor with that code. Validation builds on
// it; the hub's ingest owns the order of the checks.

/** A check refused its input. `reason` is a stable code; `detail` never carries personal data. */
export interface Rejected<R extends string = string> {
  readonly ok: false;
  readonly reason: R;
  readonly detail: string;
}

export interface Passed<T> {
  readonly ok: true;
  readonly value: T;
}

export type StepResult<T, R extends string = string> = Passed<T> | Rejected<R>;

export function pass<T>(value: T): Passed<T> {
  return { ok: true, value };
}

export function reject<R extends string>(reason: R, detail: string): Rejected<R> {
  return { ok: false, reason, detail };
}
