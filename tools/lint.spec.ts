import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

// Lint and formatting are part of `npm test`, so CI refuses code that `npm run lint` would refuse.
const root = new URL('../', import.meta.url);
const run = (bin: string, args: string[]) =>
  execFileSync(new URL(`node_modules/.bin/${bin}`, root).pathname, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: 'pipe',
  });

describe('code style', () => {
  it('passes ESLint', () => {
    expect(() => run('eslint', ['--max-warnings', '0', '.'])).not.toThrow();
  });

  it('is formatted with Prettier', () => {
    expect(() => run('prettier', ['--check', '.'])).not.toThrow();
  });

  it('type-checks', () => {
    expect(() => run('tsc', ['-p', 'tsconfig.json', '--noEmit'])).not.toThrow();
  });
});
