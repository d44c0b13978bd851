import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SignalInit } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { HubWorld } from './support/hub-harness.js';
import { zipFiles } from './support/zip.js';

const HEADER = 'PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025';

describe('routing by exact address from the imported CBS postcode-huisnummer file', () => {
  const world = new HubWorld('pc6', { seedCreditors: true });
  const dir = mkdtempSync(join(tmpdir(), 'pc6-'));

  const importFile = async (name: string, csv: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    const file = join(dir, name);
    writeFileSync(file, zipFiles({ 'readme.txt': 'CBS', [name.replace(/\.zip$/, '.csv')]: csv }));
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', './tools/ts/register.mjs', 'apps/hub/src/reference/reference-import-cli.ts', file],
        { env: { ...process.env, DATABASE_URL: await world.databaseUrl } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const routingOf = async (ref: string) =>
    (
      await world.db.query(`SELECT routing, routing_reason, municipality FROM signal WHERE creditor_signal_ref = $1`, [
        ref,
      ])
    ).rows[0];

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    await world.startHub();
  });

  afterAll(() => world.close());

  it('imports the zip, refuses a damaged edition without touching the table, and routes by the address', async () => {
    // PC4 1096 lies in Amsterdam (GM0363) and Ouder-Amstel (GM0437); the file knows which house is where.
    const imported = await importFile(
      'pc6hnr20250801_gwb.zip',
      `\uFEFF${HEADER}\r\n1096AB;12;BU04370101;WK043701;0437\r\n1096AB;14;BU03630000;WK036300;363\r\n1011AB;1;BU03630000;WK036300;0363\r\n`,
    );
    expect(imported).toMatchObject({ code: 0, stdout: 'pc6hnr20250801_gwb.csv: edition 2025, 3 addresses imported\n' });
    expect(
      (await world.db.query(`SELECT postcode, house_number, municipality FROM pc6_address ORDER BY 1, 2`)).rows,
    ).toEqual([
      { postcode: '1011AB', house_number: 1, municipality: 'GM0363' },
      { postcode: '1096AB', house_number: 12, municipality: 'GM0437' },
      { postcode: '1096AB', house_number: 14, municipality: 'GM0363' },
    ]);

    const damaged = await importFile('damaged.zip', `${HEADER}\n1011AB;2;x;y;0363\n1096AB;zz;x;y;0437\n`);
    expect(damaged.code).toBe(65);
    expect(damaged.stderr).toContain('line 3: Huisnummer is not a house number; the address table is unchanged');
    const unknown = await importFile('unknown.zip', `${HEADER}\n1011AB;2;x;y;9999\n`);
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toContain('line 2: GM9999 is not a municipality of the reference tables');
    const notCbs = await importFile('other.zip', 'postcode,huisnummer,gemeente\n');
    expect(notCbs.code).toBe(65);
    expect(await world.count(`SELECT count(*) FROM pc6_address`)).toBe(3);

    const [base] = generateSignals(loadReferenceData(), { count: 1, municipalities: ['GM0363'], seed: 9 });
    const at = (ref: string, houseNumber: number, place: string) => ({
      creditorId: base.creditorId,
      signal: { ...(base.signal as SignalInit), creditorSignalRef: ref, postcode: '1096 ab', houseNumber, place },
    });
    const producer = await world.bus.createProducer();
    await producer.send(
      world.topics.signals,
      world.records([
        at('EXACT-OUDER-AMSTEL', 12, ''),
        // The place name points to Ouder-Amstel; the address table knows better.
        at('EXACT-AMSTERDAM', 14, 'Amsterdam-Duivendrecht'),
        at('NOT-IN-TABLE', 16, ''),
        at('NOT-IN-TABLE-PLACE', 18, 'Amsterdam'),
      ]),
    );
    await world.eventually(
      () => world.count(`SELECT count(*) FROM signal`),
      (n) => n >= 4,
    );
    expect(await routingOf('EXACT-OUDER-AMSTEL')).toMatchObject({ routing: 'ROUTED', municipality: 'GM0437' });
    expect(await routingOf('EXACT-AMSTERDAM')).toMatchObject({ routing: 'ROUTED', municipality: 'GM0363' });
    // Falls back to PC4 + place name, else unrouted: never a guess.
    expect(await routingOf('NOT-IN-TABLE-PLACE')).toMatchObject({ routing: 'ROUTED', municipality: 'GM0363' });
    expect(await routingOf('NOT-IN-TABLE')).toMatchObject({
      routing: 'UNROUTED',
      routing_reason: 'AMBIGUOUS_POSTCODE',
      municipality: null,
    });
  });
});
