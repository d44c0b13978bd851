import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The codes a client can act on (ARCHITECTURE.md "GraphQL"). */
export type HubErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

/** Thrown by services; mapped once, in `formatError`, to a GraphQL error with `extensions.code`. */
export class HubException extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * The single error mapper of the API: coded errors pass with their code and message; anything
 * else becomes INTERNAL_SERVER_ERROR with a fixed message. Never a stack trace or SQL text.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof HubException) {
    return { message: original.message, path: formatted.path, extensions: { code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const retryAfterSeconds = formatted.extensions?.retryAfterSeconds;
    const extensions = typeof retryAfterSeconds === 'number' ? { code, retryAfterSeconds } : { code };
    // The rate limiter's own message holds only its numbers.
    const message = code === 'RATE_LIMITED' ? formatted.message : withoutValues(formatted.message);
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return {
    message: 'Internal error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * GraphQL's own messages quote what the client sent ("got invalid value \"Jansen\"", "found
 * 111222333"): names, BSNs and addresses that would travel on into proxies, traces and client logs.
 * Every quoted text except a variable's name, and every number given as a value, is replaced; the
 * location and code still say where and what went wrong.
 */
export function withoutValues(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => (/^"\$[A-Za-z_]\w*"$/.test(quoted) ? quoted : '"…"'))
    .replace(/\b(value:? |found )[-+]?\d(?:[\w+-]|\.(?=\d))*/g, '$1…');
}
