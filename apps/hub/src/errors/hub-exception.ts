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
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return {
    message: 'Internal error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
