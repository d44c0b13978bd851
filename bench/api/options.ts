// The API benchmark's command line.
import { parseArgs } from 'node:util';
import { integerOption } from '../lib/options.js';

export const USAGE = `Usage: npm run bench -- api [--signals N] [--clients C] [--requests R] [--seconds S] [--quick]
  --signals N   stored signals, generated straight into PostgreSQL (default 2000000)
  --clients C   concurrent clients of the loaded runs (default 32); a 1-client baseline always runs too
  --requests R  requests per query and client count at most (default 2000)
  --seconds S   seconds per query and client count at most (default 20)
  --quick       a quick check: 20000 signals, 200 requests, 5 s
  --profile     one extra, unmeasured loaded run per query under the CPU profiler; prints where the
                process's JS time goes (the hub and the load clients share the thread)
DATABASE_URL (a server URL; a database is created on it) is used when set, otherwise an embedded
PostgreSQL is started and stopped again. The hub runs in-process on 127.0.0.1 with ingest off.
`;

export interface Options {
  signals: number;
  clients: number;
  requests: number;
  seconds: number;
  profile: boolean;
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
        profile: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const quick = values.quick ?? false;
  return {
    signals: integerOption(values.signals, quick ? 20_000 : 2_000_000, 'signals', 100, 50_000_000),
    clients: integerOption(values.clients, 32, 'clients', 2, 256),
    requests: integerOption(values.requests, quick ? 200 : 2_000, 'requests', 1, 1_000_000),
    seconds: integerOption(values.seconds, quick ? 5 : 20, 'seconds', 1, 3_600),
    profile: values.profile ?? false,
  };
}
