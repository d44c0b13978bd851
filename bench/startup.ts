// `npm run bench -- startup [--runs R]`
//
// How long the hub takes from process start until GET /health answers, run the two ways it can run:
//   a) sources: `node --import ./tools/ts/register.mjs apps/hub/src/main.ts` (npm start, tests), every
//      module compiled by SWC as it loads;
//   b) compiled: as the image's CMD starts it (`node --enable-source-maps`, its V8 heap flags, dist/apps/hub/src/main.js) from the
//      image's runtime stage, assembled in a temp folder (tools/build/production-tree.ts: the build
//      plus `npm ci --omit=dev`).
// Both against the same already-migrated database (one unmeasured start of each first, which also
// warms the file cache), runs interleaved, a fresh consumer group per start. Also counts the
// packages of the production install against the full one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  DEV_ISSUER,
  dropDatabase,
  ensureDevDeadLetterKey,
  ensureDevKeyPair,
  freePort,
} from '@signaalhub/devstack';
import { REPO_ROOT } from '../tools/paths.js';
import {
  imageCommand,
  installedPackageCount,
  prepareProductionTree,
  stopProcess,
  waitUntilHealthy,
} from '../tools/build/production-tree.js';
import { startInfra } from './lib/infra.js';
import { median, textTable } from './lib/report.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

interface Variant {
  name: string;
  cwd: string;
  args: string[];
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

  const work = mkdtempSync(join(os.tmpdir(), 'signaalhub-bench-startup-'));
  say('Starting PostgreSQL and Kafka…');
  const infra = await startInfra(work, (m) => say(`  ${m}`));
  const id = `b${randomBytes(4).toString('hex')}`;
  const dbName = `bench_startup_${id}`;
  try {
    say('Assembling the production tree (build + npm ci --omit=dev)…');
    const production = join(work, 'production');
    await prepareProductionTree(production);

    const databaseUrl = await createDatabase(infra.databaseServer, dbName);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? work,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: infra.brokers,
      AUTH_PUBLIC_KEY_FILE: ensureDevKeyPair(join(work, 'keys')).publicKeyFile,
      AUTH_ISSUER: DEV_ISSUER,
      DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(join(work, 'dlq')),
      NODE_ENV: 'production',
      KAFKA_TOPIC_PREFIX: `${id}.`,
    };
    const variants: Variant[] = [
      {
        name: 'sources (SWC loader)',
        cwd: REPO_ROOT,
        args: ['--import', './tools/ts/register.mjs', 'apps/hub/src/main.ts'],
      },
      // As the image starts it (Dockerfile CMD).
      { name: 'compiled (dist)', cwd: production, args: imageCommand('hub') },
    ];
    let start = 0;
    const startOnce = async (variant: Variant): Promise<number> => {
      const port = await freePort();
      const began = performance.now();
      const child = spawn(process.execPath, variant.args, {
        cwd: variant.cwd,
        env: { ...env, PORT: String(port), KAFKA_CONSUMER_GROUP: `${id}-${start++}` },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        return await waitUntilHealthy(`http://127.0.0.1:${port}/health`, child, () => stderr, began);
      } finally {
        await stopProcess(child);
      }
    };

    say('Warm-up (migrates the database, fills the file cache)…');
    for (const variant of variants) await startOnce(variant);
    const times = new Map(variants.map((v) => [v.name, [] as number[]]));
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        const ms = await startOnce(variant);
        times.get(variant.name)!.push(ms);
        say(`  run ${run}: ${variant.name} ${Math.round(ms)} ms`);
      }
    }

    const [loader, compiled] = variants.map((v) => median(times.get(v.name)!));
    say(`\nHub cold start, process start until GET /health answers (median of ${runs}, ${os.cpus().length} cores):\n`);
    say(
      textTable(
        ['run as', 'median ms', 'runs ms'],
        variants.map((v) => [
          v.name,
          String(Math.round(median(times.get(v.name)!))),
          times
            .get(v.name)!
            .map((ms) => Math.round(ms))
            .join(' '),
        ]),
      ),
    );
    say(`\ncompiled / sources: ${(compiled! / loader!).toFixed(2)} (${(loader! / compiled!).toFixed(1)}× faster)\n`);
    say(
      textTable(
        ['install', 'packages'],
        [
          ['npm ci (development)', String(installedPackageCount(REPO_ROOT))],
          ['npm ci --omit=dev (image)', String(installedPackageCount(production))],
        ],
      ),
    );
    return 0;
  } finally {
    await dropDatabase(infra.databaseServer, dbName).catch(() => undefined);
    await infra.stop();
  }
}
