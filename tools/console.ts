// The console's production build, as `npm start`, `npm run console:build` and the browser tests run
// it: Vite over apps/console, output in apps/console/dist, which the hub serves (CONSOLE_DIR).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_ROOT = fileURLToPath(new URL('../apps/console/', import.meta.url));
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../apps/console/dist/', import.meta.url));

/**
 * Builds the console in a child process (Vite sets NODE_ENV=production in the process it runs in,
 * which must not reach the hub started next). Vite prints the bundle's JavaScript size and fails the
 * build over the budget; `quiet` keeps only that line and any error.
 */
export function buildConsole(options: { quiet?: boolean } = {}): Promise<string> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', ...(options.quiet ? ['--logLevel', 'warn'] : [])], {
      cwd: CONSOLE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      const budget = output.split('\n').find((line) => line.startsWith('console bundle:'));
      if (options.quiet && budget) process.stdout.write(`${budget}\n`);
      if (code === 0) resolve(CONSOLE_DIST_DIR);
      else reject(new Error(`the console build failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole();
}
