import { describe, expect, it } from '@jest/globals';
import { SECTORS, type Sector } from '../signal.js';
import { RULE_SETS, ruleSetFor, type RuleSet, type SectorRule } from './rule-set.js';

describe('ruleSetFor: the rule in force on the signal date', () => {
  it.each<[string, string, Sector, string | null]>([
    ['before the Nov 2022 windows', '2022-10-31', 'HUUR', null],
    ['LCV windows as amended Nov 2022', '2022-11-01', 'HUUR', 'LCV 2022-11'],
    ['energy on the last day of 2025 (LCV 2022-11)', '2025-12-31', 'ENERGIE', 'LCV 2022-11'],
    ['energy from 1 Jan 2026 (energy regulation 2026)', '2026-01-01', 'ENERGIE', 'ENERGY_REGULATION 2026-01'],
    ['rent in 2026 keeps the LCV rule: the 2026 set is for energy only', '2026-01-01', 'HUUR', 'LCV 2022-11'],
    ['water in 2026 keeps the LCV rule', '2026-06-01', 'WATER', 'LCV 2022-11'],
  ])('%s: %s %s → %p', (_source, date, sector, expected) => {
    const applied = ruleSetFor(date, sector);
    expect(applied === null ? null : `${applied.ruleSet.id} ${applied.ruleSet.version}`).toBe(expected);
  });

  const rule = (source: string): SectorRule => ({
    window: { minDays: 30 },
    acceptOutsideWindow: false,
    personalContactRequired: true,
    endOfSupply: null,
    allowedFields: ['surname'],
    source,
  });
  const sets: RuleSet[] = [
    { id: 'A', version: '1', effectiveFrom: '2020-01-01', source: 'first', sectors: { HUUR: rule('A1') } },
    {
      id: 'B',
      version: '1',
      effectiveFrom: '2021-01-01',
      effectiveTo: '2021-12-31',
      source: 'temporary',
      sectors: { HUUR: rule('B1') },
    },
  ];

  it.each([
    ['2020-06-01', 'A1'],
    ['2021-01-01', 'B1'],
    ['2021-12-31', 'B1'], // effectiveTo is the last day in force
    ['2022-01-01', 'A1'], // a set that ended hands back to the earlier one
  ])('a temporary set: %s → %s', (date, source) => {
    expect(ruleSetFor(date, 'HUUR', sets)?.rule.source).toBe(source);
  });

  it('finds no rule for a sector no set names', () => {
    expect(ruleSetFor('2021-06-01', 'ZORG', sets)).toBeNull();
  });
});

describe('RULE_SETS: invariants of the data', () => {
  const allRules = RULE_SETS.flatMap((set) =>
    Object.entries(set.sectors).map(([sector, rule]) => [`${set.id} ${set.version} ${sector}`, sector, rule] as const),
  );

  it.each(SECTORS.map((sector) => [sector]))('%s has a rule from the first set on', (sector) => {
    expect(ruleSetFor('2022-11-01', sector)).not.toBeNull();
    expect(ruleSetFor('2026-01-01', sector)).not.toBeNull();
  });

  it.each(allRules)('%s allows the surname, which validation requires', (_name, _sector, rule) => {
    expect(rule.allowedFields).toContain('surname');
  });

  it.each(allRules)('%s does not allow a BSN: no rule in force names a basis for it', (_name, _sector, rule) => {
    expect(rule.allowedFields).not.toContain('bsn');
  });

  it.each(allRules)(
    '%s allows the customer number only for energy, water, health insurance and CAK (energy regulation art. 3)',
    (_name, sector, rule) => {
      const expected = ['ENERGIE', 'WATER', 'ZORG', 'CAK_ZORGVERZEKERINGEN', 'CAK_EIGEN_BIJDRAGE'].includes(sector);
      expect(rule.allowedFields.includes('customerNumber')).toBe(expected);
    },
  );

  it.each(allRules)('%s: only energy and water take precedence over the window', (_name, sector, rule) => {
    expect(rule.acceptOutsideWindow).toBe(sector === 'ENERGIE' || sector === 'WATER');
  });

  it('lists versions oldest first, each with an id, version and source', () => {
    const starts = RULE_SETS.map((set) => set.effectiveFrom);
    expect(starts).toEqual([...starts].sort());
    for (const set of RULE_SETS) expect([set.id, set.version, set.source].every((text) => text !== '')).toBe(true);
  });
});
