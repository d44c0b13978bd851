// Ingest as explicit steps: decode → verify signature → validate → convenant rules → route → match.
// Each step is a pure function that either passes a (richer) value on or rejects with a stable
// reason code, so a rejected message can go to the DLQ and back to the creditor with that code, and a
// new rule is one more step rather than another branch inside a service.

/** A step refused its input. `reason` is a stable code; `detail` never carries personal data. */
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

/**
 * One ingest step. Steps that need context (reference tables, the creditor registry, today's date)
 * get it through a factory: `const route = routeStep(referenceData)`; the step itself stays pure.
 */
export type Step<I, O, R extends string = string> = (input: I) => StepResult<O, R>;

export function pass<T>(value: T): Passed<T> {
  return { ok: true, value };
}

export function reject<R extends string>(reason: R, detail: string): Rejected<R> {
  return { ok: false, reason, detail };
}

/**
 * Runs steps in order and stops at the first rejection. The overloads keep each step's input type
 * tied to the previous step's output, so a pipeline with a missing or misplaced step does not compile;
 * the reason type of the result is the union of the steps' own reason codes.
 */
export function runSteps<A, B, R1 extends string>(input: A, s1: Step<A, B, R1>): StepResult<B, R1>;
export function runSteps<A, B, C, R1 extends string, R2 extends string>(
  input: A,
  s1: Step<A, B, R1>,
  s2: Step<B, C, R2>,
): StepResult<C, R1 | R2>;
export function runSteps<A, B, C, D, R1 extends string, R2 extends string, R3 extends string>(
  input: A,
  s1: Step<A, B, R1>,
  s2: Step<B, C, R2>,
  s3: Step<C, D, R3>,
): StepResult<D, R1 | R2 | R3>;
export function runSteps<A, B, C, D, E, R1 extends string, R2 extends string, R3 extends string, R4 extends string>(
  input: A,
  s1: Step<A, B, R1>,
  s2: Step<B, C, R2>,
  s3: Step<C, D, R3>,
  s4: Step<D, E, R4>,
): StepResult<E, R1 | R2 | R3 | R4>;
export function runSteps<
  A,
  B,
  C,
  D,
  E,
  F,
  R1 extends string,
  R2 extends string,
  R3 extends string,
  R4 extends string,
  R5 extends string,
>(
  input: A,
  s1: Step<A, B, R1>,
  s2: Step<B, C, R2>,
  s3: Step<C, D, R3>,
  s4: Step<D, E, R4>,
  s5: Step<E, F, R5>,
): StepResult<F, R1 | R2 | R3 | R4 | R5>;
export function runSteps<
  A,
  B,
  C,
  D,
  E,
  F,
  G,
  R1 extends string,
  R2 extends string,
  R3 extends string,
  R4 extends string,
  R5 extends string,
  R6 extends string,
>(
  input: A,
  s1: Step<A, B, R1>,
  s2: Step<B, C, R2>,
  s3: Step<C, D, R3>,
  s4: Step<D, E, R4>,
  s5: Step<E, F, R5>,
  s6: Step<F, G, R6>,
): StepResult<G, R1 | R2 | R3 | R4 | R5 | R6>;
export function runSteps(input: unknown, ...steps: Step<unknown, unknown>[]): StepResult<unknown> {
  let value = input;
  for (const step of steps) {
    const result = step(value);
    if (!result.ok) return result;
    value = result.value;
  }
  return pass(value);
}
