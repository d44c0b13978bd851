import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DEV_ISSUER } from '@signaalhub/devstack';
import iconv from 'iconv-lite';
import request from 'supertest';
import {
  createConnectorsApp,
  DONE_MARKER_SUFFIX,
  loadConnectorsConfig,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from '../apps/connectors/src/index.js';
import { gql } from './support/graphql.js';
import { HubWorld, infra } from './support/hub-harness.js';

const HOUSING = 'woningcorporatie-de-linde';
const SECRET = 'w'.repeat(20) + '-de-linde-webhook-secret';

function daysAgo(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const dutch = (iso: string) => iso.split('-').reverse().join('-');

interface Delivery {
  body: { feedbackId: string; creditorSignalRef: string; status: string };
  verified: boolean;
}

/** The housing corporation's ERP side: takes each feedback POST whose signature it can verify. */
async function creditorReceiver() {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(SECRET, req.headers[WEBHOOK_SIGNATURE_HEADER] as string, raw);
      deliveries.push({ body: JSON.parse(raw) as Delivery['body'], verified });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, deliveries, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/signaalhub` };
}

const CASES = `query { cases(first: 20) { totalCount edges { node { id status
  household { postcode houseNumber } signals { creditorId creditorSignalRef status } } } } }`;
const PICK_UP = `mutation P($id: ID!) { pickUpCase(id: $id) { id status } }`;
const CLOSE = `mutation C($id: ID!, $result: CaseResult!) { closeCase(id: $id, result: $result) { id status } }`;

interface CaseNode {
  id: string;
  status: string;
  household: { postcode: string; houseNumber: number };
  signals: Array<{ creditorId: string; creditorSignalRef: string; status: string }>;
}

describe('end to end: a CSV file in the inbox → a case in the hub → the feedback at the creditor’s webhook', () => {
  const world = new HubWorld('connectors_chain', { seedCreditors: true });
  const inbox = mkdtempSync(join(tmpdir(), 'signaalhub-chain-inbox-'));
  const keysDir = mkdtempSync(join(tmpdir(), 'signaalhub-chain-keys-'));
  const arrearsSince = daysAgo(60);
  const ref = `H-4711-${arrearsSince}`;
  let hub: INestApplication;
  let connector: INestApplication;
  let receiver: Awaited<ReturnType<typeof creditorReceiver>>;

  beforeAll(async () => {
    await world.ensureTopics();
    hub = await world.startHub();
    // The creditor's key as its connector holds it: a file, only read; the hub registered its public half.
    const { keyId, privateKey } = world.signer(HOUSING);
    mkdirSync(join(keysDir, HOUSING));
    writeFileSync(join(keysDir, HOUSING, `${keyId}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    receiver = await creditorReceiver();
    const hooks = mkdtempSync(join(tmpdir(), 'signaalhub-chain-hooks-'));
    writeFileSync(join(hooks, 'de-linde.secret'), SECRET);
    writeFileSync(
      join(hooks, 'webhooks.json'),
      JSON.stringify({ [HOUSING]: { url: receiver.url, secretFile: 'de-linde.secret' } }),
    );
    connector = await createConnectorsApp(
      loadConnectorsConfig({
        KAFKA_BROKERS: infra().brokers,
        KAFKA_TOPIC_PREFIX: `${world.id}.`,
        NODE_ENV: 'test',
        CREDITOR_SIGNING_KEYS_DIR: keysDir,
        AUTH_PUBLIC_KEY_FILE: world.keys.publicKeyFile,
        AUTH_ISSUER: DEV_ISSUER,
        CSV_INBOX_DIR: inbox,
        CSV_POLL_INTERVAL_MS: '100',
        FEEDBACK_WEBHOOKS_FILE: join(hooks, 'webhooks.json'),
        FEEDBACK_STATE_DIR: mkdtempSync(join(tmpdir(), 'signaalhub-chain-state-')),
        FEEDBACK_WEBHOOK_RETRY_BASE_MS: '10',
      }),
    );
  });

  afterAll(async () => {
    await connector?.close();
    receiver?.server.close();
    await world.close();
  });

  const statuses = () => receiver.deliveries.filter((d) => d.body.creditorSignalRef === ref).map((d) => d.body.status);

  it('carries one tenant’s arrears from an ERP export to the Amsterdam worker and the worker’s verdict back to the ERP', async () => {
    // The ERP's nightly export, as its Windows system writes it (cp1252, `;`, Dutch dates and amounts).
    const header =
      'Huurdernummer;Achternaam;Tussenvoegsel;Voorletters;Geboortedatum;Postcode;Huisnummer;Toevoeging;Achterstand;' +
      'Achterstand sinds;Aanmaning verstuurd op;Meldingsdatum;Persoonlijk contact gezocht;Schuldhulp aangeboden;' +
      'Bezwaar mogelijk;Woonplaats';
    const row =
      `H-4711;Ünal-de Bruijn;de;Ö.;12-08-1979;1012 AB;47;;1.845,20;${dutch(arrearsSince)};${dutch(daysAgo(14))};` +
      `${dutch(daysAgo(0))};ja;ja;ja;Amsterdam`;
    const dir = join(inbox, HOUSING);
    mkdirSync(dir);
    writeFileSync(join(dir, 'huurachterstanden-20261201.csv'), iconv.encode(`${header}\r\n${row}\r\n`, 'win1252'));
    writeFileSync(join(dir, `huurachterstanden-20261201.csv${DONE_MARKER_SUFFIX}`), '');

    // The Amsterdam worker sees the case through the hub's GraphQL API.
    const worker = await world.token({ roles: ['worker'], municipality: 'GM0363', sub: 'worker-adam' });
    const listed = await world.eventually(
      () => gql<{ cases: { edges: Array<{ node: CaseNode }> } }>(hub, CASES, {}, worker),
      (res) => (res.data?.cases.edges ?? []).some((e) => e.node.signals.some((s) => s.creditorSignalRef === ref)),
    );
    expect(listed.errors).toBeUndefined();
    const node = listed
      .data!.cases.edges.map((e) => e.node)
      .find((n) => n.signals.some((s) => s.creditorSignalRef === ref))!;
    expect(node.household).toMatchObject({ postcode: '1012AB', houseNumber: 47 });
    expect(node.signals).toEqual([expect.objectContaining({ creditorId: HOUSING, creditorSignalRef: ref })]);
    // Another municipality's worker does not.
    const rotterdam = await world.token({ roles: ['worker'], municipality: 'GM0599' });
    const theirs = await gql<{ cases: { totalCount: number } }>(hub, CASES, {}, rotterdam);
    expect(theirs.data!.cases.totalCount).toBe(0);

    // The hub's acceptance reaches the ERP first.
    expect(
      await world.eventually(
        async () => statuses(),
        (s) => s.includes('ACCEPTED'),
      ),
    ).toEqual(['ACCEPTED']);

    // The worker picks the case up and closes it with follow-up help; the ERP hears what it may.
    expect((await gql(hub, PICK_UP, { id: node.id }, worker)).errors).toBeUndefined();
    await world.eventually(
      async () => statuses(),
      (s) => s.includes('PICKED_UP'),
    );
    const closed = await gql(hub, CLOSE, { id: node.id, result: 'FOLLOW_UP_HELP_FINANCIAL' }, worker);
    expect(closed.errors).toBeUndefined();
    const told = await world.eventually(
      async () => statuses(),
      (s) => s.includes('HELP_ACCEPTED'),
    );
    expect(told).toEqual(['ACCEPTED', 'PICKED_UP', 'HELP_ACCEPTED']);
    expect(receiver.deliveries.every((d) => d.verified)).toBe(true);
    expect(new Set(receiver.deliveries.map((d) => d.body.feedbackId)).size).toBe(receiver.deliveries.length);

    // The same verdict is there to pull, for the creditor's own token only.
    const creditor = await world.token({ roles: ['creditor'], creditor: HOUSING });
    const status = await world.eventually(
      () =>
        request(connector.getHttpServer())
          .get(`/v1/signals/${encodeURIComponent(ref)}/status`)
          .set('Authorization', `Bearer ${creditor}`),
      (res) => res.status === 200 && res.body.status === 'HELP_ACCEPTED',
    );
    expect(status.body).toMatchObject({ creditorSignalRef: ref, status: 'HELP_ACCEPTED' });
  });
});
