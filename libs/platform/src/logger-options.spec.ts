import { describe, expect, it } from '@jest/globals';
import { loggerOptions } from './logger-options.js';

describe('loggerOptions', () => {
  const pinoHttp = loggerOptions('production').pinoHttp as {
    serializers: { req: (req: unknown) => unknown };
    redact: string[];
  };

  it('logs a request as id, method and path: no query string, body or headers', () => {
    const logged = pinoHttp.serializers.req({
      id: 'r-1',
      method: 'POST',
      url: '/graphql?variables={"bsn":"111222333"}',
      headers: { authorization: 'Bearer secret' },
      body: { query: '{ case(id: "x") { signals { surname } } }' },
    });
    expect(logged).toEqual({ id: 'r-1', method: 'POST', path: '/graphql' });
    expect(JSON.stringify(logged)).not.toMatch(/111222333|secret|surname/);
  });

  it('redacts request and response headers', () => {
    expect(pinoHttp.redact).toEqual(expect.arrayContaining(['req.headers', 'res.headers']));
  });
});
