// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are checked
// statically: dclint validates the compose file against the compose specification plus its
// best-practice rules, and the checks below keep the file pointing at things that exist.
// test/production-build.e2e-spec.ts runs what the image's runtime stage holds.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { imageCommand } from './build/production-tree.js';
import { REPO_ROOT } from './paths.js';

const DCLINT = join(REPO_ROOT, 'node_modules/.bin/dclint');

/** Runs dclint; warnings count as failures too (`--max-warnings 0`), so the file stays clean. */
function dclint(file: string): { status: number; output: string } {
  try {
    execFileSync(DCLINT, [file, '--max-warnings', '0', '--color', 'false'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output: '' };
  } catch (error) {
    const { status, stdout, stderr } = error as { status: number | null; stdout?: string; stderr?: string };
    return { status: status ?? -1, output: `${stdout ?? ''}${stderr ?? ''}` };
  }
}

interface ComposeService {
  build?: { context: string; target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
}

/** The value a `${NAME:-default}` entry takes when the variable is not set in the shell. */
function composeDefault(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^\$\{[A-Z_]+:-([^}]*)\}$/.exec(String(value));
  return match ? match[1] : String(value);
}

describe('docker-compose.yml', () => {
  it('passes dclint (compose specification and lint rules) with exit code 0', () => {
    // The output is part of the compared object, so a failure shows dclint's findings.
    expect(dclint('docker-compose.yml')).toEqual({ status: 0, output: '' });
  });

  it('is really checked: dclint rejects a compose file that breaks the specification', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-spec-'));
    try {
      const file = join(dir, 'docker-compose.yml');
      writeFileSync(file, 'name: broken\nservices:\n  web:\n    image: nginx:1\n    not_a_compose_key: true\n');
      expect(dclint(file).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };

  it('runs the whole stack: postgres, kafka, hub and connectors', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['connectors', 'hub', 'kafka', 'postgres']);
  });

  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  /** Each `FROM … AS <name>` stage of the Dockerfile, with its instructions. */
  const stages = new Map(
    dockerfile
      .split(/^(?=FROM\s)/m)
      .map((text) => [/^FROM\s+\S+\s+AS\s+(\S+)\s*$/im.exec(text)?.[1], text] as const)
      .filter((entry): entry is readonly [string, string] => entry[0] !== undefined),
  );

  it.each(['hub', 'connectors'])(
    '%s builds a Dockerfile target that exists and starts the compiled entry point of its sources',
    (name) => {
      const service = compose.services[name]!;
      expect(service.build?.context).toBe('.');
      expect([...stages.keys()]).toContain(service.build?.target);

      // tools/build/build.ts mirrors the sources: apps/<app>/src/main.ts → dist/apps/<app>/src/main.js.
      const entry = service.command?.at(-1) ?? '';
      expect(entry).toBe(`dist/apps/${name}/src/main.js`);
      expect(existsSync(join(REPO_ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      expect(service.command).not.toContain('./tools/ts/register.mjs');
      // The image's own CMD starts the same thing as the compose file.
      expect(['node', ...imageCommand(service.build!.target!)]).toEqual(service.command);
    },
  );

  it('ships the compiled output with production dependencies only, without the TypeScript loader', () => {
    const runtime = stages.get('runtime') ?? '';
    const installs = (stage: string) => [...stage.matchAll(/\bnpm ci\b[^\n]*/g)].map((m) => m[0]);
    const runtimeFrom = (/^COPY --from=(\S+)/gm.exec(runtime) ?? [])[1];
    expect(runtimeFrom).toBe('prod-deps');
    expect(installs(stages.get('prod-deps') ?? '')).toEqual([expect.stringContaining('--omit=dev')]);
    expect(runtime).toContain('COPY --from=build /src/dist ./dist');
    // The sources never reach the runtime stage, so nothing there can need the loader.
    expect(runtime).not.toMatch(/^COPY \. /m);
    expect(dockerfile).not.toContain('register.mjs');
  });

  it.each(['hub', 'connectors'])('%s runs as production unless asked otherwise', (name) => {
    expect(composeDefault(compose.services[name]!.environment?.NODE_ENV)).toBe('production');
  });

  it('does not serve the synthetic-signal simulator by default (connectors bind 0.0.0.0)', () => {
    const env = compose.services.connectors!.environment ?? {};
    expect(composeDefault(env.SIMULATOR_HTTP_ENABLED) ?? 'false').toBe('false');
  });
});
