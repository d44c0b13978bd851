import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

// The house rules are an ESLint rule (eslint.config.js, importBoundaries); this pins what it refuses,
// by linting one-line sources as if they stood at the given paths (eslint --stdin-filename).
const root = new URL('../', import.meta.url);
function lint(path: string, source: string): string[] {
  try {
    execFileSync(
      new URL('node_modules/.bin/eslint', root).pathname,
      ['--stdin', '--stdin-filename', path, '--format', 'json'],
      { cwd: root, input: source, encoding: 'utf8', stdio: 'pipe' },
    );
    return [];
  } catch (error) {
    const [result] = JSON.parse((error as { stdout: string }).stdout) as Array<{
      messages: Array<{ ruleId: string; message: string }>;
    }>;
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }
}

describe('import boundaries', () => {
  it.each<[string, string, RegExp]>([
    [
      'libs/domain/src/x.ts',
      "import { createHubApp } from '../../../apps/hub/src/index.js';",
      /Libs never import apps/,
    ],
    [
      'libs/devstack/src/x.ts',
      "import { generateSignals } from '../../../apps/connectors/src/index.js';",
      /Libs never import apps/,
    ],
    [
      'apps/hub/src/x.ts',
      "import { generateSignals } from '../../connectors/src/index.js';",
      /Apps never import each other/,
    ],
    [
      'apps/connectors/src/x.ts',
      "import { createHubApp } from '../../hub/src/index.js';",
      /Apps never import each other/,
    ],
    ['apps/hub/src/x.ts', "import { mintToken } from '@signaalhub/devstack';", /test kit or the local stack/],
    [
      'apps/connectors/src/x.ts',
      "import { createKafkaTlsMaterial } from '@signaalhub/testing';",
      /test kit or the local stack/,
    ],
    [
      'test/x.e2e-spec.ts',
      "import { SignalStore } from '../apps/hub/src/ingest/signal-store.js';",
      /entry module, apps\/hub/,
    ],
    [
      'tools/x.ts',
      "import { publish } from '../apps/connectors/src/simulator/publish.js';",
      /entry module, apps\/connectors/,
    ],
  ])('%s: %s is refused', (path, source, message) => {
    const messages = lint(path, `${source}\nexport const used = 1;\n`);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each<[string, string]>([
    ['test/x.e2e-spec.ts', "import { createHubApp } from '../apps/hub/src/index.js';"],
    ['bench/x.ts', "import { generateSignals } from '../apps/connectors/src/index.js';"],
    ['tools/x.ts', "import { mintToken } from '@signaalhub/devstack';"],
    ['apps/hub/src/x.spec.ts', "import { mintToken } from '@signaalhub/devstack';"],
  ])('%s: %s is allowed', (path, source) => {
    expect(lint(path, `${source}\nexport const used = 1;\n`)).toEqual([]);
  });
});
