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

export function errorSentence(error: CombinedError, t: TFunction): string {
  const code = errorCode(error) ?? 'UNKNOWN';
  const seconds = error.graphQLErrors[0]?.extensions?.retryAfterSeconds ?? 60;
  return t(`errors.${code}`, { seconds });
}
