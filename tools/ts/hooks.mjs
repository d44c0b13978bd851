// ESM loader hooks: resolve the workspace aliases (@signaalhub/<lib>) and `./x.js` imports to their
// TypeScript sources, and compile .ts with SWC. Node's own type stripping cannot run decorators,
// which NestJS and TypeORM need.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import swc from '@swc/core';
import { swcOptions } from './swc-options.mjs';

const root = new URL('../../', import.meta.url);
const ALIAS = /^@signaalhub\/([a-z-]+)$/;

export async function resolve(specifier, context, next) {
  const alias = ALIAS.exec(specifier);
  if (alias) {
    return { url: new URL(`libs/${alias[1]}/src/index.ts`, root).href, shortCircuit: true };
  }
  if (specifier.endsWith('.js') && specifier.startsWith('.') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(candidate)) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const filename = fileURLToPath(url);
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      ...swcOptions,
      filename,
      sourceFileName: pathToFileURL(filename).href,
    });
    return { format: 'module', source: code, shortCircuit: true };
  }
  return next(url, context);
}
