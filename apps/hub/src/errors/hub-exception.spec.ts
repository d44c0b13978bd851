import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { formatError, HubException, withoutValues } from './hub-exception.js';

describe('formatError', () => {
  it('passes a coded domain error with its code and message only', () => {
    const error = new GraphQLError('wrapped', { originalError: new HubException('NOT_FOUND', 'Case not found') });
    expect(formatError({ message: 'wrapped', path: ['case'] }, error)).toEqual({
      message: 'Case not found',
      path: ['case'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('hides unexpected errors behind INTERNAL_SERVER_ERROR, without message, SQL or stack', () => {
    const leak = new GraphQLError('duplicate key value violates unique constraint "signal_payload_uq"', {
      originalError: new Error('relation "signal" ...'),
    });
    const formatted = formatError(
      { message: leak.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x (y.ts:1:1)'] } },
      leak,
    );
    expect(formatted).toEqual({
      message: 'Internal error',
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the codes of GraphQL validation and parse errors but drops everything else in extensions', () => {
    const formatted = formatError(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['…'] } },
      new GraphQLError('Cannot query field "x"'),
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('keeps the wait of a rate-limited request, and nothing else', () => {
    const formatted = formatError(
      { message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12, subject: 'w-1' } },
      new GraphQLError('Too many requests'),
    );
    expect(formatted.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 12 });
  });
});

describe('withoutValues', () => {
  it.each([
    [
      'Variable "$p" got invalid value "Jansen" at "p.houseNumber"; Int cannot represent non-integer value: "Jansen"',
      'Variable "$p" got invalid value "…" at "…"; Int cannot represent non-integer value: "…"',
    ],
    [
      'Variable "$b" got invalid value 111222333; String cannot represent a non string value: 111222333',
      'Variable "$b" got invalid value …; String cannot represent a non string value: …',
    ],
    ['Expected value of type "String", found 612398745.', 'Expected value of type "…", found ….'],
    ['Syntax Error: Unexpected String "De \\"Vries\\"".', 'Syntax Error: Unexpected String "…".'],
    ['Query has 300 root fields; at most 10 are allowed', 'Query has 300 root fields; at most 10 are allowed'],
  ])('%s', (message, expected) => {
    expect(withoutValues(message)).toBe(expected);
  });

  it('is applied to GraphQL’s own client errors', () => {
    const message = 'Variable "$p" got invalid value "Jansen"';
    const formatted = formatError({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message));
    expect(formatted.message).toBe('Variable "$p" got invalid value "…"');
  });
});
