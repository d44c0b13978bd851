import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { build, BuildError, packageName } from './build.js';

/** A small workspace: one app, one lib it imports (with a data folder), one lib nobody imports. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'signaalhub-build-'));
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ type: 'module', dependencies: { 'reflect-metadata': '0.2.2' } }),
    'apps/app/package.json': '{}',
    'apps/app/src/main.ts': [
      "import 'reflect-metadata';",
      "import { greet, Greeter } from '@signaalhub/lib';",
      "import { shout } from './util/shout.js';",
      'class Service {',
      '  constructor(readonly greeter: Greeter) {}',
      '}',
      'const mark = (): ClassDecorator => () => undefined;',
      'Reflect.decorate([mark()], Service);',
      '@mark()',
      'class Decorated {',
      '  constructor(readonly greeter: Greeter) {}',
      '}',
      "console.log(shout(greet()), Reflect.getMetadata('design:paramtypes', Decorated)[0] === Greeter, Service.name);",
    ].join('\n'),
    'apps/app/src/util/shout.ts': 'export const shout = (s: string): string => s.toUpperCase();',
    'apps/app/src/main.spec.ts': "import { expect } from '@jest/globals';\nexpect(1).toBe(1);",
    'libs/lib/package.json': '{}',
    'libs/lib/data/word.txt': 'hello',
    'libs/lib/src/index.ts': [
      "import { readFileSync } from 'node:fs';",
      'export class Greeter {}',
      "export const greet = (): string => readFileSync(new URL('../data/word.txt', import.meta.url), 'utf8');",
    ].join('\n'),
    'libs/unused/package.json': '{}',
    'libs/unused/src/index.ts': 'export const unused = 1;',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // The compiled app resolves `reflect-metadata` like the production install would.
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  execFileSync('ln', ['-s', join(REPO_ROOT, 'node_modules/reflect-metadata'), join(root, 'node_modules/')]);
  return root;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function fixture(files: Record<string, string> = {}): string {
  const root = workspace(files);
  roots.push(root);
  return root;
}

describe('build', () => {
  it('compiles an app and the workspace libs it imports into a tree that runs with plain node', async () => {
    const root = fixture();
    const result = await build(['apps/app'], join(root, 'dist'), root);

    expect(result.projects).toEqual(['apps/app', 'libs/lib']);
    const main = readFileSync(join(root, 'dist/apps/app/src/main.js'), 'utf8');
    expect(main).toContain('from "../../../libs/lib/src/index.js"');
    expect(main).toContain('from "./util/shout.js"');
    expect(main).toMatch(/\/\/# sourceMappingURL=main\.js\.map\n$/);
    expect(JSON.parse(readFileSync(join(root, 'dist/apps/app/src/main.js.map'), 'utf8')).sources).toEqual([
      '../../../../apps/app/src/main.ts',
    ]);
    // Tests stay out; assets beside src come along, so `import.meta.url`-relative paths still hold.
    expect(existsSync(join(root, 'dist/apps/app/src/main.spec.js'))).toBe(false);
    expect(existsSync(join(root, 'dist/libs/unused'))).toBe(false);
    const stdout = execFileSync(process.execPath, [join(root, 'dist/apps/app/src/main.js')], { encoding: 'utf8' });
    // Decorator metadata is there: the injected type is recorded.
    expect(stdout.trim()).toBe('HELLO true Service');
  });

  it('removes what an earlier build wrote for a file that no longer exists', async () => {
    const root = fixture({ 'apps/app/src/old.ts': 'export const old = 1;' });
    await build(['apps/app'], join(root, 'dist'), root);
    rmSync(join(root, 'apps/app/src/old.ts'));
    await build(['apps/app'], join(root, 'dist'), root);
    expect(existsSync(join(root, 'dist/apps/app/src/old.js'))).toBe(false);
  });

  it.each([
    ['a development-only package', "import { parse } from 'yaml';\nconsole.log(parse);", 'not in package.json'],
    ['a file outside the workspace projects', "import '../../../tools/x.js';", 'not part of the build'],
    ['a file that does not exist', "import './missing.js';", 'not part of the build'],
    ['a workspace lib that does not exist', "import '@signaalhub/nothing';", 'is not a workspace project'],
  ])('refuses an app that imports %s', async (_case, source, message) => {
    const root = fixture({ 'apps/app/src/extra.ts': source });
    const attempt = build(['apps/app'], join(root, 'dist'), root);
    await expect(attempt).rejects.toThrow(BuildError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('names the package of a deep import', () => {
    expect(packageName('@nestjs/common/decorators')).toBe('@nestjs/common');
    expect(packageName('pg')).toBe('pg');
    expect(packageName('rxjs/operators')).toBe('rxjs');
  });
});
