// npm start's PostgreSQL lives outside the terminal's process group, so Ctrl-C cannot stop it before
// the hub that writes to it; it stops when asked.
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startPostgresApart } from './postgres.js';

/** Process group of a pid, from /proc/<pid>/stat (field 5, after the parenthesised name). */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('PostgreSQL started apart', () => {
  const work = mkdtempSync(join(tmpdir(), 'signaalhub-pg-apart-'));
  chmodSync(work, 0o755);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs in a process group of its own and stops when asked', async () => {
    const server = await startPostgresApart({ dataDir: join(work, 'data') });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // The backend's group is the postmaster's, which is the keeper's: not the group of this process.
    // Read while the connection is open: its backend process ends with it.
    const backendGroup = processGroup(rows[0]!.pid);
    await client.end();
    expect(backendGroup).not.toBe(processGroup(process.pid));

    await server.stop();
    const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  }, 120_000);
});
