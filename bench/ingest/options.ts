// The ingest benchmark's command line.
import { parseArgs } from 'node:util';
import { kafkaClientName, type KafkaClientName } from '@signaalhub/kafka';
import { int } from '../lib/report.js';
import { STEP_SAMPLE } from '../lib/steps.js';
import { integerOption } from '../lib/options.js';

export const USAGE = `Usage: npm run bench -- ingest [--count N] [--runs R] [--seed S] [--only LIST] [--client C] [--profile]
  --count N    synthetic signals (default 200000)
  --runs R     repetitions of each measurement; the median is reported (default 3)
  --seed S     generator seed (default 42)
  --only LIST  comma-separated subset of hub,kafka,copy,steps (default: all four); steps is the
               per-step cost table of the hub's pipeline on ${int(STEP_SAMPLE)} of the signals at most
  --client C   the Kafka client of the hub runs: kafkajs (default) or platformatic; the consume ceiling
               is measured on both either way
  --profile    one extra, unmeasured hub run under the CPU profiler; prints where the hub's JS time goes
Infrastructure: DATABASE_URL (a server URL; databases are created on it) and KAFKA_BROKERS are used when
set, otherwise an embedded PostgreSQL and a local Kafka broker are started and stopped again.
`;

export interface Options {
  count: number;
  runs: number;
  seed: number;
  only: ReadonlySet<Measurement>;
  /** The hub's Kafka client (KAFKA_CLIENT of the hub runs). */
  client: KafkaClientName;
  profile: boolean;
}

export const MEASUREMENTS = ['hub', 'kafka', 'copy', 'steps'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

export function parseOptions(args: string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        client: { type: 'string' },
        profile: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return USAGE;
  return {
    count: integerOption(values.count, 200_000, 'count', 1),
    runs: integerOption(values.runs, 3, 'runs', 1),
    seed: integerOption(values.seed, 42, 'seed', 0),
    only: measurementsOf(values.only),
    client: kafkaClientName(values.client),
    profile: values.profile ?? false,
  };
}

function measurementsOf(raw: string | undefined): ReadonlySet<Measurement> {
  if (raw === undefined) return new Set(MEASUREMENTS);
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(MEASUREMENTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated subset of ${MEASUREMENTS.join(',')}, got ${raw}`);
  }
  return new Set(names as Measurement[]);
}
