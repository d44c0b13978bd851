// The one mapping from an API error to a sentence: screens never show a code or a server message.
import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';

export const KNOWN_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof KNOWN_CODES)[number] | 'NETWORK' | 'UNKNOWN';

export function errorCode(error: CombinedError | undefined | null): ErrorCode | null {
  if (!error) return null;
  if (error.networkError) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.code;
  return (KNOWN_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'UNKNOWN';
}

/**
 * The subject of the screen an error happened on: NOT_FOUND or CONFLICT read differently for a work
 * queue or a creditor than for a case. The sentence of `errorsIn.<subject>.<code>` when there is one,
 * else the general `errors.<code>`.
 */
export type ErrorSubject = 'case' | 'queue' | 'creditor' | 'signal' | 'period' | 'subject' | 'audit';

export function errorSentence(error: CombinedError, t: TFunction, subject?: ErrorSubject): string {
  const code = errorCode(error) ?? 'UNKNOWN';
  const seconds = error.graphQLErrors[0]?.extensions?.retryAfterSeconds ?? 60;
  const keys = subject ? [`errorsIn.${subject}.${code}`, `errors.${code}`] : [`errors.${code}`];
  return t(keys, { seconds });
}
