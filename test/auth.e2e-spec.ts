import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DEV_ISSUER } from '@signaalhub/devstack';
import { createPrivateKey } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { errorCodes, gql, type GraphQLResponse } from './support/graphql.js';
import { HubWorld } from './support/hub-harness.js';

const CASES = `{ cases(first: 1) { totalCount } }`;
const WORKER = { sub: 'worker-auth', roles: ['worker'], municipality: 'GM0363' };
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

interface SignOptions {
  key: KeyObject;
  kid?: string;
  claims?: Record<string, unknown>;
  /** Claims to leave out of the otherwise complete token. */
  omit?: string[];
}

/** A token as an identity provider would sign it, with every claim under the test's control. */
function sign({ key, kid, claims = {}, omit = [] }: SignOptions): Promise<string> {
  const payload: Record<string, unknown> = {
    ...WORKER,
    aud: 'signaalhub',
    iss: DEV_ISSUER,
    iat: now(),
    exp: now() + HOUR,
    ...claims,
  };
  for (const name of omit) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`) with otherwise valid claims. */
function unsigned(): string {
  const payload = { ...WORKER, aud: 'signaalhub', iss: DEV_ISSUER, exp: now() + HOUR };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

const GARBAGE = ['not-a-token', 'a.b.c', 'eyJhbGciOiJFUzI1NiJ9.e30', `${base64url({ alg: 'ES256' })}.%%%.%%%`];

/** Refused the way a client must see it: one coded error, no data, nothing of the server's insides. */
function expectUnauthenticated(response: GraphQLResponse): void {
  expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  expect(response.data ?? null).toBeNull();
  expect(Object.keys(response.errors?.[0]?.extensions ?? {})).toEqual(['code']);
  expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
}

const freshKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

describe('token checks, against the real hub', () => {
  const world = new HubWorld('auth');

  afterAll(async () => {
    await world.close();
  });

  describe('with a local public key (PEM)', () => {
    let hub: INestApplication;
    let devKey: KeyObject;

    beforeAll(async () => {
      hub = await world.startHub({ INGEST_ENABLED: 'false' });
      devKey = createPrivateKey(readFileSync(world.keys.privateKeyFile, 'utf8'));
    });

    it('accepts a complete token of the configured issuer', async () => {
      const response = await gql(hub, CASES, {}, await sign({ key: devKey }));
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ cases: { totalCount: 0 } });
      // The development token tool issues the same shape.
      expect((await gql(hub, CASES, {}, await world.token({ roles: ['worker'], municipality: 'GM0363' }))).errors).toBe(
        undefined,
      );
    });

    it.each<[string, () => Promise<string>]>([
      ['an expired token', () => sign({ key: devKey, claims: { iat: now() - 2 * HOUR, exp: now() - HOUR } })],
      ['a token without exp', () => sign({ key: devKey, omit: ['exp'] })],
      ['a token with a non-numeric exp', () => sign({ key: devKey, claims: { exp: 'never' } })],
      ['a token for another audience', () => sign({ key: devKey, claims: { aud: 'another-service' } })],
      ['a token without audience', () => sign({ key: devKey, omit: ['aud'] })],
      ['a token of another issuer', () => sign({ key: devKey, claims: { iss: 'https://idp.example.org' } })],
      ['a token without issuer', () => sign({ key: devKey, omit: ['iss'] })],
      ['a token not valid yet', () => sign({ key: devKey, claims: { nbf: now() + HOUR } })],
      ['an unsigned token (alg none)', () => Promise.resolve(unsigned())],
      ['a token signed by another key', () => sign({ key: freshKey() })],
      ...GARBAGE.map((garbage): [string, () => Promise<string>] => [
        `a malformed token (${garbage})`,
        () => Promise.resolve(garbage),
      ]),
    ])('refuses %s with UNAUTHENTICATED', async (_name, token) => {
      expectUnauthenticated(await gql(hub, CASES, {}, await token()));
    });
  });

  describe('with the OIDC provider’s key set (JWKS over http on loopback)', () => {
    const providerKey = freshKey();
    const kid = 'provider-key-1';
    let jwksServer: Server;
    let hub: INestApplication;

    beforeAll(async () => {
      const jwk = { ...(await exportJWK(providerKey)), kid, alg: 'ES256', use: 'sig' };
      delete (jwk as Record<string, unknown>).d;
      const body = JSON.stringify({ keys: [jwk] });
      jwksServer = createServer((req, res) => {
        if (req.url !== '/jwks.json') {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const { port } = jwksServer.address() as AddressInfo;
      hub = await world.startHub({
        INGEST_ENABLED: 'false',
        AUTH_PUBLIC_KEY_FILE: '',
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      });
    });

    afterAll(async () => {
      await world.stopHub(hub);
      await new Promise((resolve) => jwksServer.close(resolve));
    });

    it('accepts a token signed with a key of the set', async () => {
      const response = await gql(hub, CASES, {}, await sign({ key: providerKey, kid }));
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ cases: { totalCount: 0 } });
    });

    it.each<[string, () => Promise<string>]>([
      ['a token signed by a foreign key under the set’s kid', () => sign({ key: freshKey(), kid })],
      ['a token with a kid the set does not have', () => sign({ key: providerKey, kid: 'unknown' })],
      ['a token of another issuer', () => sign({ key: providerKey, kid, claims: { iss: 'https://idp.example.org' } })],
      ['a token without exp', () => sign({ key: providerKey, kid, omit: ['exp'] })],
      ['the development key’s token', () => world.token({ roles: ['worker'], municipality: 'GM0363' })],
      ['an unsigned token (alg none)', () => Promise.resolve(unsigned())],
      ...GARBAGE.map((garbage): [string, () => Promise<string>] => [
        `a malformed token (${garbage})`,
        () => Promise.resolve(garbage),
      ]),
    ])('refuses %s with UNAUTHENTICATED', async (_name, token) => {
      expectUnauthenticated(await gql(hub, CASES, {}, await token()));
    });
  });
});
