import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadMergers,
  loadMunicipalities,
  loadPc4Table,
  loadPopulation,
  loadReferenceData,
  parseCsv,
  parseCsvRecords,
  toGmCode,
  DEFAULT_DATA_DIR,
} from './index.js';

describe('parseCsv', () => {
  it.each([
    [
      'LF with final newline',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final newline',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'BOM',
      '\uFEFFa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted comma',
      'a,b\n"Nuenen, Gerwen",2',
      [
        ['a', 'b'],
        ['Nuenen, Gerwen', '2'],
      ],
    ],
    ['doubled quote', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'empty trailing field',
      'a,b\n1,\r\n',
      [
        ['a', 'b'],
        ['1', ''],
      ],
    ],
    ['blank lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
    ['apostrophe is not a quote', "a\n's-Gravenhage", [['a'], ["'s-Gravenhage"]]],
  ])('%s', (_case, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/quoted field/);
  });

  it.each([
    ['a missing column', 'a,b\n1,2', ['c'], /missing column/],
    ['a short row', 'a,b\n1', ['a'], /row 2 has 1 fields/],
  ])('parseCsvRecords fails loudly on %s', (_case, text, columns, error) => {
    expect(() => parseCsvRecords(text, columns)).toThrow(error);
  });
});

describe('toGmCode', () => {
  it.each([
    ['0001', 'GM0001'],
    ['GM0001', 'GM0001'],
    [' gm0363 ', 'GM0363'],
    ['363', null],
    ['GM03630', null],
    ['', null],
  ])('%j → %j', (code, expected) => {
    expect(toGmCode(code)).toBe(expected);
  });
});

describe('shipped reference tables (2025)', () => {
  const data = loadReferenceData();

  it('has version 2025 and passes its own cross-checks', () => {
    expect(data.version).toBe('2025');
  });

  it('has 342 municipalities keyed by GM code', () => {
    expect(data.municipalities.size).toBe(342);
    expect(data.municipalities.get('GM0363')).toEqual({
      gmCode: 'GM0363',
      cbsCode: '0363',
      name: 'Amsterdam',
      province: 'Noord-Holland',
    });
    // The one municipality name with a comma, quoted in the CSV.
    expect(data.municipalities.get('GM0820')?.name).toBe('Nuenen, Gerwen en Nederwetten');
  });

  it('has 4,086 distinct PC4 areas in 4,144 rows', () => {
    expect(data.pc4.size).toBe(4086);
    const rows = [...data.pc4.values()].reduce((sum, entries) => sum + entries.length, 0);
    expect(rows).toBe(4144);
  });

  it('knows PC4 1096 lies in Amsterdam and Ouder-Amstel', () => {
    expect(data.pc4.get('1096')).toEqual([
      { gmCode: 'GM0363', places: ['Amsterdam'] },
      { gmCode: 'GM0437', places: ['Amsterdam-Duivendrecht'] },
    ]);
  });

  it('splits multi-place rows', () => {
    expect(data.pc4.get('1243')).toEqual([{ gmCode: 'GM1696', places: ["'s-Graveland", 'Ankeveen'] }]);
  });

  it.each([
    ['0001', 'GM1966'], // Adorp → Winsum (1990) → Het Hogeland (2019)
    ['GM0001', 'GM1966'],
    ['0053', 'GM1966'],
    ['0003', 'GM1979'], // Appingedam → Eemsdelta (2021)
  ])('maps historic code %s to %s', (code, current) => {
    expect(data.mergers.get(code)).toBe(current);
  });

  it('has 1,130 historic codes, none of them a current code', () => {
    expect(data.mergers.size).toBe(1130 * 2);
    expect([...data.mergers.keys()].filter((code) => data.municipalities.has(code))).toEqual([]);
  });

  it('has a population for every municipality, summing to 18,044,027', () => {
    expect(data.population.size).toBe(342);
    expect([...data.population.values()].reduce((sum, n) => sum + n, 0)).toBe(18_044_027);
    expect(data.population.get('GM0363')).toBeGreaterThan(900_000);
  });

  it('parses each table once per process', () => {
    expect(loadMunicipalities()).toBe(data.municipalities);
    expect(loadPc4Table()).toBe(data.pc4);
    expect(loadMergers()).toBe(data.mergers);
    expect(loadPopulation()).toBe(data.population);
  });
});

describe('loadReferenceData on a broken refresh', () => {
  // A yearly refresh that mixes years must fail at start-up, not route signals to a code that no
  // longer exists.
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function dataDirWith(file: string, content: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'signaalhub-reference-'));
    dirs.push(dir);
    for (const name of [
      'gemeenten-2025.csv',
      'pc4-gemeente.csv',
      'gemeente-herindelingen.csv',
      'bevolking-gemeente-2025.csv',
    ]) {
      copyFileSync(join(fileURLToPath(DEFAULT_DATA_DIR), name), join(dir, name));
    }
    writeFileSync(join(dir, file), content);
    return dir;
  }

  it.each([
    [
      'a PC4 row pointing to an unknown municipality',
      'pc4-gemeente.csv',
      'pc4,gm_code,plaatsen\n1011,GM9998,Amsterdam\n',
      /pc4: GM9998/,
    ],
    [
      'a merger into an unknown municipality',
      'gemeente-herindelingen.csv',
      'oude_code,huidige_code_2025,huidige_gm_code\n0001,9998,GM9998\n',
      /mergers: GM9998/,
    ],
    [
      'a merger whose two target columns disagree',
      'gemeente-herindelingen.csv',
      'oude_code,huidige_code_2025,huidige_gm_code\n0001,1966,GM1969\n',
      /disagree for GM0001/,
    ],
    ['a table without a needed column', 'pc4-gemeente.csv', 'pc4,plaatsen\n1011,Amsterdam\n', /missing column/],
  ])('fails on %s', (_case, file, content, error) => {
    expect(() => loadReferenceData(dataDirWith(file, content))).toThrow(error);
  });
});
