import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTACT_KINDS, DAY_PARTS, dayPartOf, dutchDateOf } from './contact-attempt.js';

const ddas = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../reference/data/ddas-vroegsignalering-v1.2.schema.json', import.meta.url)),
    'utf8',
  ),
) as { $defs: Record<string, { enum: string[] }> };

describe('contact attempts', () => {
  it('use exactly the DDAS v1.2 contact kinds and parts of the day', () => {
    expect(Object.values(CONTACT_KINDS)).toEqual(ddas.$defs.EnumContactsoort.enum);
    expect(Object.values(DAY_PARTS)).toEqual(ddas.$defs.EnumDagdeel.enum);
  });

  it.each<[string, string]>([
    // Winter time (UTC+1)
    ['2026-12-01T10:59:59Z', 'MORNING'],
    ['2026-12-01T11:00:00Z', 'AFTERNOON'],
    ['2026-12-01T16:59:59Z', 'AFTERNOON'],
    ['2026-12-01T17:00:00Z', 'EVENING'],
    ['2026-12-01T22:59:59Z', 'EVENING'],
    ['2026-12-01T23:00:00Z', 'MORNING'],
    // Summer time (UTC+2)
    ['2026-07-01T09:59:00Z', 'MORNING'],
    ['2026-07-01T10:00:00Z', 'AFTERNOON'],
    ['2026-07-01T16:00:00Z', 'EVENING'],
  ])('%s is %s on the Dutch clock', (moment, part) => {
    expect(dayPartOf(new Date(moment))).toBe(part);
  });

  it('dates a moment by the Dutch calendar day', () => {
    expect(dutchDateOf(new Date('2026-12-01T22:30:00Z'))).toBe('2026-12-01');
    expect(dutchDateOf(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
  });
});
