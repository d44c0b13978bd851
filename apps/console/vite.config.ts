// The console's build and dev server. `npm run console:build` writes dist/, which the hub serves at
// `/` (CONSOLE_DIR); `npm run console:dev` serves the sources and forwards the API to a running hub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The budget of the JavaScript of a first page load, gzip (issue 11: under 350 kB). */
const JS_BUDGET_GZIP_BYTES = 350 * 1024;
const HUB = process.env.CONSOLE_HUB_URL ?? 'http://127.0.0.1:3000';

/**
 * Prints the gzip size of the JavaScript a first page load needs (the entry chunk and what it imports
 * statically) and of everything the build wrote, and fails the build when the first is over budget.
 * Views and the chart library are loaded lazily, so they count in the total only.
 */
function bundleBudget(): Plugin {
  return {
    name: 'signaalhub-bundle-budget',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const sizes = new Map<string, number>();
      for (const name of Object.keys(bundle).filter((file) => file.endsWith('.js'))) {
        sizes.set(name, gzipSync(readFileSync(join(outDir, name))).length);
      }
      const initial = new Set<string>();
      const visit = (name: string) => {
        const chunk = bundle[name];
        if (initial.has(name) || !chunk || chunk.type !== 'chunk') return;
        initial.add(name);
        chunk.imports.forEach(visit);
      };
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
      const sum = (names: Iterable<string>) => [...names].reduce((total, name) => total + (sizes.get(name) ?? 0), 0);
      const initialBytes = sum(initial);
      const totalBytes = sum(sizes.keys());
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      this.info(
        `JavaScript: ${initial.size} initial files ${kb(initialBytes)} gzip, ${sizes.size} files ${kb(totalBytes)} in all`,
      );
      process.stdout.write(
        `\nconsole bundle: initial JavaScript ${kb(initialBytes)} gzip, budget ${kb(JS_BUDGET_GZIP_BYTES)}; ` +
          `all ${sizes.size} files ${kb(totalBytes)} gzip\n`,
      );
      if (initialBytes > JS_BUDGET_GZIP_BYTES) {
        this.error(
          `the console's initial JavaScript is ${kb(initialBytes)} gzip, over the budget of ${kb(JS_BUDGET_GZIP_BYTES)}`,
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), bundleBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No inline assets: the CSP allows only the hub's own files.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: HUB, ws: true, changeOrigin: true },
      '/console/config': { target: HUB, changeOrigin: true },
      '/dev/': { target: HUB, changeOrigin: true },
    },
  },
});
