// The committed typed documents (src/gql) must be what `npm run console:codegen` writes from the
// current schema and documents, so a schema change the console does not follow fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { generate } from '@graphql-codegen/cli';
import config from './codegen';

const ROOT = fileURLToPath(new URL('./', import.meta.url));

describe('the console typed GraphQL documents', () => {
  it('are up to date with apps/hub/schema.graphql and the documents in src/ (npm run console:codegen)', async () => {
    const files = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as Array<{
      filename: string;
      content: string;
    }>;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(join(ROOT, file.filename), 'utf8');
      expect({ file: file.filename, stale: committed !== file.content }).toEqual({ file: file.filename, stale: false });
    }
  }, 60_000);
});
