import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, Level } from 'pino';
import type { Options } from 'pino-http';

/** Probes and scrapes arrive every few seconds and would drown the request log. */
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/** Where logs go instead of stdout, and from which level: for checking what the logs hold. */
export interface LogCapture {
  stream: DestinationStream;
  level: Level;
}

/**
 * JSON logs with a request id, for every app. Nothing personal reaches them: request bodies (GraphQL
 * variables, signals, CSV batches) and headers (tokens, credentials) are never logged, and URLs are
 * logged without query strings.
 */
export function loggerOptions(nodeEnv: string, capture?: LogCapture): Params {
  const options: Options = {
    level: capture?.level ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // A failed query carries its parameters (names, addresses) and the driver's detail ("Key (…)=(value)"):
    // an unexpected error is logged with its message and stack only.
    redact: {
      paths: ['req.headers', 'res.headers', 'err.parameters', 'err.driverError', 'err.detail', 'err.query'],
      censor: '[not logged]',
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
  };
  return { pinoHttp: capture ? [options, capture.stream] : options };
}
