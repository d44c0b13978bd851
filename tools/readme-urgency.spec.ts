// The README documents the urgency formula for municipalities; the model itself is data in
// libs/domain. This keeps the two from drifting apart: a factor added, removed or re-weighted in the
// model fails here until the table says so too.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URGENCY_MODEL } from '@signaalhub/domain';
import { REPO_ROOT } from './paths.js';

/** The rows of the README table headed `| factor | points |`, by factor name. */
function documentedFactors(): Map<string, string> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| factor | points |')).split('\n\n')[0];
  return new Map([...table.matchAll(/^\| `(\w+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]));
}

describe('README urgency table', () => {
  const rows = documentedFactors();

  it.each(URGENCY_MODEL.factors.map((f) => ({ name: f.name, per: f.pointsPerUnit, max: f.maxPoints })))(
    'documents $name with its points',
    ({ name, per, max }) => {
      expect(rows.get(name)).toContain(String(per));
      expect(rows.get(name)).toContain(String(max));
    },
  );

  it('documents exactly the factors of the model', () => {
    expect([...rows.keys()]).toEqual(URGENCY_MODEL.factors.map((f) => f.name));
  });
});
