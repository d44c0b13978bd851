import { spawn } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import iconv from 'iconv-lite';
import { generateSigningKeyPair } from '@signaalhub/contracts';
import type { OutgoingMessage, Producer } from '@signaalhub/kafka';
import {
  createConnectorsApp,
  DONE_MARKER_SUFFIX,
  InboxScanner,
  loadConnectorsConfig,
  type InboxFileDeps,
} from '../apps/connectors/src/index.js';
import { gql } from './support/graphql.js';
import { HubWorld, infra } from './support/hub-harness.js';

const HOUSING = 'woningcorporatie-de-linde';
const ENERGY = 'energie-polderstroom';

const ERP_HEADER =
  'Huurdernummer;Achternaam;Tussenvoegsel;Voorletters;Geboortedatum;Postcode;Huisnummer;Toevoeging;Achterstand;' +
  'Achterstand sinds;Aanmaning verstuurd op;Meldingsdatum;Persoonlijk contact gezocht;Schuldhulp aangeboden;' +
  'Bezwaar mogelijk;Woonplaats';
const GENERIC_HEADER =
  'creditorSignalRef,kind,sector,signalDate,surname,postcode,houseNumber,amount,arrearsSince,' +
  'personalContactAttempted,referredToDebtHelp,reminderSentOn,objectionOffered';

function daysAgo(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const dutch = (iso: string) => iso.split('-').reverse().join('-');

/** A housing ERP export as its Windows system writes it: cp1252, `;`, Dutch dates and amounts. */
function erpFile(tenants: number[], extraRows: string[] = []): Buffer {
  const rows = tenants.map(
    (n) =>
      `H-${n};Çelik-Müller;van;É.;05-03-1980;1012 AB;${n};;1.234,56;${dutch(daysAgo(60))};${dutch(daysAgo(14))};` +
      `${dutch(daysAgo(0))};ja;ja;ja;Amsterdam`,
  );
  return iconv.encode([ERP_HEADER, ...rows, ...extraRows].join('\r\n') + '\r\n', 'win1252');
}

function genericFile(refs: string[]): Buffer {
  const rows = refs.map(
    (ref, i) =>
      `${ref},NEW,ENERGIE,${daysAgo(0)},Jansen,1012AB,${100 + i},250.00,${daysAgo(60)},true,true,${daysAgo(14)},true`,
  );
  return Buffer.from([GENERIC_HEADER, ...rows].join('\n') + '\n', 'utf8');
}

/** Drops a file as an SFTP client with a completion marker would. */
function drop(inbox: string, creditorId: string, name: string, content: Buffer): string {
  const dir = join(inbox, creditorId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, name + DONE_MARKER_SUFFIX), '');
  return dir;
}

describe('CSV batch inbox against a real hub', () => {
  const world = new HubWorld('csv-inbox', { seedCreditors: true });
  let producer: Producer;
  let produced: OutgoingMessage[];

  let hub: INestApplication;

  beforeAll(async () => {
    hub = await world.startHub();
    await world.ensureTopics();
    const real = await world.bus.createProducer();
    produced = [];
    producer = {
      send: async (topic, messages) => {
        const positions = await real.send(topic, messages);
        produced.push(...messages);
        return positions;
      },
      disconnect: () => real.disconnect(),
    };
  });

  afterAll(async () => {
    await producer.disconnect();
    await world.close();
  });

  const deps = (extra: Partial<InboxFileDeps> = {}): InboxFileDeps => ({
    producer,
    topic: world.topics.signals,
    signer: (creditorId) => world.signer(creditorId),
    chunkRows: 3,
    maxBytes: 1024 * 1024,
    ...extra,
  });

  /** Every signal the hub stored, once its consumer has read everything produced so far. */
  async function storedWhenCaughtUp(): Promise<number> {
    const group = `${world.id}-hub`;
    await world.eventually(
      () => world.bus.consumerLag(group, world.topics.signals),
      (lag) => lag === 0,
    );
    expect(await world.bus.consumerLag(group, world.topics.signals)).toBe(0);
    return world.count('SELECT count(*) FROM signal');
  }

  it('stores each row of a file exactly once when the connector crashes in the middle and starts again', async () => {
    const inbox = mkdtempSync(join(tmpdir(), 'signaalhub-inbox-'));
    const bad = `H-9;;;;;1012AB;9;;10,00;${dutch(daysAgo(60))};${dutch(daysAgo(14))};${dutch(daysAgo(0))};ja;ja;ja;Amsterdam`;
    const dir = drop(inbox, HOUSING, 'huurachterstanden.csv', erpFile([1, 2, 3, 4, 5, 6, 7], [bad]));

    // The crash: Kafka acknowledged rows 4-6, but the process dies before recording that.
    const crashing = new InboxScanner(
      inbox,
      deps({
        afterSend: (rowsDone) => {
          if (rowsDone === 6) throw new Error('power failure');
        },
      }),
    );
    const [first] = await crashing.scanOnce();
    expect(first.error?.message).toBe('power failure');
    expect(produced).toHaveLength(6);
    expect(existsSync(join(dir, 'huurachterstanden.csv'))).toBe(true);
    expect(readdirSync(join(dir, '.state')).filter((f) => f.endsWith('.progress'))).toHaveLength(1);

    // A new process: it continues after row 3, so rows 4-6 go out a second time, byte for byte.
    const [second] = await new InboxScanner(inbox, deps()).scanOnce();
    expect(second.outcome).toMatchObject({ kind: 'processed', accepted: 7, rejected: 1, sent: 4 });
    expect(produced).toHaveLength(10);
    const values = produced.map((m) => (m.value as Buffer).toString('base64'));
    expect(new Set(values).size).toBe(7);

    expect(await storedWhenCaughtUp()).toBe(7);
    expect(await world.count(`SELECT count(*) FROM signal WHERE creditor_id = $1`, [HOUSING])).toBe(7);

    expect(
      readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['processed']);
    const report = readFileSync(join(dir, 'processed', 'huurachterstanden.csv.report.csv'), 'utf8').split('\r\n');
    expect(report[0]).toBe('row;result;creditorSignalRef;reason');
    expect(report[1]).toBe(`1;accepted;H-1-${daysAgo(60)};`);
    expect(report[8]).toBe('8;rejected;;MISSING_FIELD: surname (Achternaam): missing');
    expect(readdirSync(join(dir, '.state')).filter((f) => f.endsWith('.progress'))).toEqual([]);
  });

  it('takes a generic UTF-8 file, refuses the same content twice, and moves an unreadable file to failed/', async () => {
    const inbox = mkdtempSync(join(tmpdir(), 'signaalhub-inbox-'));
    const before = await storedWhenCaughtUp();
    const file = genericFile(['E-1', 'E-2']);
    const dir = drop(inbox, ENERGY, 'batch-1.csv', file);
    drop(inbox, ENERGY, 'kapot.csv', Buffer.from(`${GENERIC_HEADER}\n"E-9,NEW\n`));
    const scanner = new InboxScanner(inbox, deps());

    const outcomes = await scanner.scanOnce();
    expect(outcomes.map((o) => [o.fileName, o.outcome?.kind])).toEqual([
      ['batch-1.csv', 'processed'],
      ['kapot.csv', 'failed'],
    ]);
    expect(readFileSync(join(dir, 'failed', 'kapot.csv.reason.txt'), 'utf8')).toMatch(/^not a readable CSV file: /);
    expect(await storedWhenCaughtUp()).toBe(before + 2);

    // The same content under another name, dropped without a marker: taken once its size held still.
    writeFileSync(join(dir, 'batch-1-again.csv'), file);
    expect(await scanner.scanOnce()).toEqual([]);
    const [again] = await scanner.scanOnce();
    expect(again.outcome?.kind).toBe('duplicate');
    expect(readFileSync(join(dir, 'failed', 'batch-1-again.csv.reason.txt'), 'utf8')).toMatch(
      /^already processed: .* is processed\/batch-1\.csv/,
    );
    expect(await storedWhenCaughtUp()).toBe(before + 2);
  });

  it('runs in the connectors app, signing with the read-only keys of CREDITOR_SIGNING_KEYS_DIR, and rotates a key without a restart', async () => {
    const inbox = mkdtempSync(join(tmpdir(), 'signaalhub-inbox-'));
    const keysDir = mkdtempSync(join(tmpdir(), 'signaalhub-connector-keys-'));
    const old = world.signer(HOUSING);
    const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(join(keysDir, HOUSING));
    writeFileSync(join(keysDir, HOUSING, `${old.keyId}.pem`), pem(old.privateKey));
    // The hub operator registers the creditor's next key first; the old one stays active.
    const fresh = generateSigningKeyPair();
    const freshKeyId = `${HOUSING}-2027`;
    const operator = await world.token({ roles: ['operator'], sub: 'operator-1' });
    const added = await gql(
      hub,
      `mutation K($c: String!, $k: String!, $p: String!) { addCreditorKey(creditorId: $c, keyId: $k, publicKeyPem: $p) { id } }`,
      { c: HOUSING, k: freshKeyId, p: fresh.publicKeyPem },
      operator,
    );
    expect(added.errors).toBeUndefined();

    const before = await storedWhenCaughtUp();
    const app = await createConnectorsApp(
      loadConnectorsConfig({
        KAFKA_BROKERS: infra().brokers,
        KAFKA_TOPIC_PREFIX: `${world.id}.`,
        NODE_ENV: 'test',
        CREDITOR_SIGNING_KEYS_DIR: keysDir,
        // A CSV-only edge: no REST ingress, hence no token verification to configure.
        REST_INGRESS_ENABLED: 'false',
        CSV_INBOX_DIR: inbox,
        CSV_POLL_INTERVAL_MS: '100',
      }),
    );
    try {
      // A creditor without a key: its file waits in the inbox, and no key is ever made for it.
      const waiting = drop(inbox, ENERGY, 'wacht.csv', genericFile(['W-1']));
      const dir = drop(inbox, HOUSING, 'app.csv', erpFile([101, 102]));
      expect(await world.eventually(async () => existsSync(join(dir, 'processed', 'app.csv')), Boolean)).toBe(true);
      expect(await storedWhenCaughtUp()).toBe(before + 2);

      // Rotation: the new key file beside the old one signs the next file, no restart.
      writeFileSync(join(keysDir, HOUSING, `${freshKeyId}.pem`), pem(fresh.privateKey));
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(keysDir, HOUSING, `${freshKeyId}.pem`), later, later);
      drop(inbox, HOUSING, 'app-2.csv', erpFile([103, 104]));
      expect(await world.eventually(async () => existsSync(join(dir, 'processed', 'app-2.csv')), Boolean)).toBe(true);
      expect(await storedWhenCaughtUp()).toBe(before + 4);
      // Both keys verified at the hub: the first file under the old key id, the second under the new.
      const { rows } = await world.db.query(
        `SELECT split_part(creditor_signal_ref, '-', 2) AS tenant, key_id FROM signal
         WHERE creditor_id = $1 AND creditor_signal_ref LIKE 'H-10_-%' ORDER BY 1`,
        [HOUSING],
      );
      expect(rows.map((r) => [r.tenant, r.key_id])).toEqual([
        ['101', old.keyId],
        ['102', old.keyId],
        ['103', freshKeyId],
        ['104', freshKeyId],
      ]);

      expect(existsSync(join(waiting, 'wacht.csv'))).toBe(true);
      expect(readdirSync(keysDir)).toEqual([HOUSING]);
      expect(readdirSync(join(keysDir, HOUSING)).sort()).toEqual([`${freshKeyId}.pem`, `${old.keyId}.pem`].sort());
    } finally {
      await app.close();
    }
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', './tools/ts/register.mjs', 'apps/connectors/src/cli.ts', ...args],
      {
        stdio: 'pipe',
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('connectors validate <file.csv>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signaalhub-validate-'));

  it('reports every row of a good file as accepted, with progress on stderr, and exits 0', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(file, erpFile([1, 2, 3]));
    const { code, stdout, stderr } = await runCli(['validate', file]);
    expect(stdout.split('\n')).toEqual([
      "layout woningcorporatie-erp, windows-1252, separator ';', 3 rows",
      'row 1: accepted',
      'row 2: accepted',
      'row 3: accepted',
      '3 rows: 3 accepted, 0 rejected',
      '',
    ]);
    expect(stderr).toContain('validating: 100% [####################] 3/3 rows');
    expect(code).toBe(0);
  });

  it('names the rejected rows of a bad file and exits 1; an unreadable file exits 65', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      Buffer.from(
        `${GENERIC_HEADER}\nE-1,NEW,ENERGIE,2026-12-01,Jansen,1012AB,5,1.234,5,2026-10-01,true,true,2026-11-20,true\n`,
      ),
    );
    const bad = await runCli(['validate', file]);
    expect(bad.stdout).toContain('row 1: rejected: MALFORMED: row has 14 cells, the header 13');
    expect(bad.stdout).toContain('1 rows: 0 accepted, 1 rejected');
    expect(bad.code).toBe(1);

    const unreadable = join(dir, 'unreadable.csv');
    writeFileSync(unreadable, 'naam;bedrag\nx;1\n');
    const failed = await runCli(['validate', unreadable]);
    expect(failed.stdout).toMatch(/^unreadable: header row names no known layout/);
    expect(failed.code).toBe(65);
  });
});
