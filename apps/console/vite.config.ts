// The console's build and dev server. `npm run console:build` writes dist/, which the hub serves at
// `/` (CONSOLE_DIR); `npm run console:dev` serves the sources and forwards the API to a running hub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The budget of the production bundle's JavaScript, gzip (issue 11: under 350 kB). */
const JS_BUDGET_GZIP_BYTES = 350 * 1024;
const HUB = process.env.CONSOLE_HUB_URL ?? 'http://127.0.0.1:3000';

/** Prints the gzip size of every JavaScript file the build wrote, and fails the build over budget. */
function bundleBudget(): Plugin {
  return {
    name: 'signaalhub-bundle-budget',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((name) => name.endsWith('.js'));
      let total = 0;
      for (const name of files) {
        const size = gzipSync(readFileSync(join(outDir, name))).length;
        total += size;
      }
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      this.info(`JavaScript: ${files.length} files, ${kb(total)} gzip (budget ${kb(JS_BUDGET_GZIP_BYTES)})`);
      process.stdout.write(`\nconsole bundle: JavaScript ${kb(total)} gzip, budget ${kb(JS_BUDGET_GZIP_BYTES)}\n`);
      if (total > JS_BUDGET_GZIP_BYTES) {
        this.error(`the console's JavaScript is ${kb(total)} gzip, over the budget of ${kb(JS_BUDGET_GZIP_BYTES)}`);
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
