// The API benchmark's command line.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- api [--signals N] [--clients C] [--requests R] [--seconds S] [--quick]
  --signals N   stored signals, generated straight into PostgreSQL (default 2000000)
  --clients C   concurrent clients of the loaded runs (default 32); a 1-client baseline always runs too
  --requests R  requests per query and client count at most (default 2000)
  --seconds S   seconds per query and client count at most (default 20)
  --quick       a quick check: 20000 signals, 200 requests, 5 s
DATABASE_URL (a server URL; a database is created on it) is used when set, otherwise an embedded
PostgreSQL is started and stopped again. The hub runs in-process on 127.0.0.1 with ingest off.
`;

export interface Options {
  signals: number;
  clients: number;
  requests: number;
  seconds: number;
}

export function parseOptions(args: string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        signals: { type: 'string' },
        clients: { type: 'string' },
        requests: { type: 'string' },
        seconds: { type: 'string' },
        quick: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const quick = values.quick ?? false;
  const integer = (raw: string | undefined, fallback: number, name: string, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${raw}`);
    }
    return n;
  };
  return {
    signals: integer(values.signals, quick ? 20_000 : 2_000_000, 'signals', 100, 50_000_000),
    clients: integer(values.clients, 32, 'clients', 2, 256),
    requests: integer(values.requests, quick ? 200 : 2_000, 'requests', 1, 1_000_000),
    seconds: integer(values.seconds, quick ? 5 : 20, 'seconds', 1, 3_600),
  };
}
