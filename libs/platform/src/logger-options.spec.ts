import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { loggerOptions } from './logger-options.js';

const pinoHttp = loggerOptions('production').pinoHttp as {
  serializers: { req: (req: unknown) => unknown };
  redact: { paths: string[]; censor: string };
};

/** Logs through a real pino logger with the app's redaction and returns what it wrote. */
function written(log: (logger: pino.Logger) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  log(pino({ redact: pinoHttp.redact, serializers: { err: pino.stdSerializers.err } }, sink));
  return out;
}

describe('loggerOptions', () => {
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

  it('never writes headers', () => {
    const out = written((logger) =>
      logger.info({ req: { headers: { authorization: 'Bearer secret-token' } } }, 'request'),
    );
    expect(out).not.toContain('secret-token');
  });

  it('logs a failed query without its parameters or the driver detail that echoes values', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "household_address_uq"'), {
      query: 'INSERT INTO household … VALUES ($1, $2)',
      parameters: ['GM0363', 'Jansen', '1234AB'],
      driverError: { detail: 'Key (household_key)=(1234AB|12||) already exists.' },
      detail: 'Key (household_key)=(1234AB|12||) already exists.',
    });
    const out = written((logger) => logger.error({ err: error }, 'query failed'));
    expect(out).toContain('duplicate key value violates unique constraint');
    expect(out).not.toMatch(/Jansen|1234AB/);
  });
});
