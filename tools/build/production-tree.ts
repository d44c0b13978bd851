// What the image's runtime stage holds, assembled in a folder outside the repository: the compiled
// apps, the manifests and `npm ci --omit=dev`. Nothing from the repository's node_modules can leak
// in, so a module the production install lacks fails here as it would in the image.
import { execFile, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../paths.js';
import { build } from './build.js';

const run = promisify(execFile);

/** Every Node app of the workspace, as the image ships them all (the console ships as static files). */
export function appRoots(repoRoot: string = REPO_ROOT): string[] {
  return (
    readdirSync(join(repoRoot, 'apps'), { withFileTypes: true })
      // Node services have a src/main.ts; the console (src/main.tsx) is built by Vite into static files.
      .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, 'apps', entry.name, 'src', 'main.ts')))
      .map((entry) => join('apps', entry.name))
  );
}

/** The environment without what an enclosing `npm run` adds (npm_config_local_prefix and the like). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(name) && name !== 'NODE_OPTIONS') env[name] = value;
  }
  return { ...env, ...extra };
}

/** Builds every app into `dir/dist`, copies the manifests beside it and installs production dependencies. */
export async function prepareProductionTree(dir: string, repoRoot: string = REPO_ROOT): Promise<void> {
  await build(appRoots(repoRoot), join(dir, 'dist'), repoRoot);
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(repoRoot, 'package-lock.json'), join(dir, 'package-lock.json'));
  // `npm ci` checks every workspace of the lock file, as the Dockerfile's manifests stage copies them.
  for (const group of ['apps', 'libs']) {
    for (const name of readdirSync(join(repoRoot, group))) {
      const manifest = join(repoRoot, group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(dir, group, name), { recursive: true });
      copyFileSync(manifest, join(dir, group, name, 'package.json'));
    }
  }
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    env: cleanEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Packages installed in `dir/node_modules` (workspace links not counted). */
export function installedPackageCount(dir: string): number {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean }>;
  };
  return Object.entries(lock.packages).filter(([path, entry]) => path.includes('node_modules/') && !entry.link).length;
}

/**
 * Polls `url` until it answers 200, the process exits or `timeoutMs` passes; resolves with the
 * milliseconds from `since` (a `performance.now()` reading). Rejects with the process's output when it never became healthy.
 */
export async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
  since: number,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${url} answered:\n${output()}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output()}`);
}

/** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
export async function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The arguments after `node` of a Dockerfile stage's CMD (`hub`, `connectors`): what runs the
 * compiled app in the image, V8 flags included, so the checks and benchmarks that run the production
 * tree start it exactly as the image does.
 */
export function imageCommand(stage: string, repoRoot: string = REPO_ROOT): string[] {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const text = dockerfile
    .split(/^(?=FROM\s)/m)
    .find((t) => new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${stage}\\s*$`, 'im').test(t));
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(text ?? '')?.[1];
  if (!cmd) throw new Error(`The Dockerfile has no stage ${stage} with a CMD`);
  const [node, ...args] = JSON.parse(cmd) as string[];
  if (node !== 'node') throw new Error(`The ${stage} stage's CMD does not start node`);
  return args;
}
