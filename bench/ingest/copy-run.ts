import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase, dropDatabase } from '@signaalhub/devstack';
import { runMigrations, SIGNAL_COLUMNS } from '../../apps/hub/src/index.js';
import { cpuDelta, sampleCpu, type CpuSample } from '../lib/cpu.js';
import { now, queryOne } from './support.js';
import type { World } from './world.js';

export interface CopyRun {
  seconds: number;
  /** Indexes on the copied-into table (those of `signal`). */
  indexes: number;
  cpu: CpuSample;
}

/** c) `psql \copy` of the same rows into a `signal`-shaped table in a fresh database. */
export async function copyRun(world: World, round: number): Promise<CopyRun> {
  const dbName = `bench_copy_${world.id}_${round}`;
  const url = await createDatabase(world.infra.databaseServer, dbName);
  try {
    await runMigrations(url);
    await queryOne(url, 'CREATE TABLE signal_copy (LIKE signal INCLUDING ALL)');
    const indexes = Number(await queryOne(url, `SELECT count(*) FROM pg_indexes WHERE tablename = 'signal_copy'`));
    const cpu0 = sampleCpu(world.infra);
    const t0 = now();
    await psql(url, `\\copy signal_copy (${SIGNAL_COLUMNS.join(', ')}) FROM '${world.csvFile}' WITH (FORMAT csv)`);
    const seconds = (now() - t0) / 1000;
    // psql has exited, its backend may not have been reaped yet: only then does its CPU time show
    // up in the postmaster's children's time. Outside the timed part.
    await sleep(500);
    const cpu1 = sampleCpu(world.infra);
    const copied = Number(await queryOne(url, 'SELECT count(*) FROM signal_copy'));
    if (copied !== world.expectedRows) throw new Error(`COPY stored ${copied} rows, expected ${world.expectedRows}`);
    return { seconds, indexes, cpu: cpuDelta(cpu0, cpu1) };
  } finally {
    await dropDatabase(world.infra.databaseServer, dbName).catch(() => undefined);
  }
}

function psql(url: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new Error(`psql is needed for the COPY ceiling (${(error as NodeJS.ErrnoException).code ?? error.message})`),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql exited with ${code}: ${stderr.trim()}`)),
    );
  });
}
