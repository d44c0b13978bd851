import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createRemoteJWKSet, decodeProtectedHeader, exportSPKI } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ConnectorsConfig } from '../config/connectors-config.js';

/** The same audience as the hub's tokens: creditors use one identity provider for both. */
export const AUDIENCE = 'signaalhub';
// jsonwebtoken (under passport-jwt) verifies these; EdDSA it does not support.
const ALGORITHMS = ['ES256', 'RS256'] as const;

/** Who is calling: one creditor, in whose name alone it may submit and read. */
export interface CreditorPrincipal {
  creditorId: string;
}

type KeyCallback = (error: Error | null, key?: string) => void;

/**
 * Bearer JWTs verified as the hub verifies them: signature (local public key or JWKS), `aud`, `iss`
 * when configured, and an `exp` that must be present and in the future. Any valid token passes here;
 * whether it is a creditor's is {@link creditorOf}, so a valid token of another role gets 403, not 401.
 */
@Injectable()
export class CreditorJwtStrategy extends PassportStrategy(Strategy, 'creditor-jwt') {
  constructor(@Inject(ConnectorsConfig) config: ConnectorsConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      audience: AUDIENCE,
      issuer: config.AUTH_ISSUER,
      algorithms: [...ALGORITHMS],
      ignoreExpiration: false,
      secretOrKeyProvider: keyProvider(config),
    });
  }

  validate(claims: Record<string, unknown>): Record<string, unknown> | false {
    // jsonwebtoken checks `exp` only when a token carries one; a token without it would never expire.
    return typeof claims.exp === 'number' ? claims : false;
  }
}

/** The creditor a token speaks for: role `creditor` and a `creditor` claim, or null. */
/** The form of a creditor id in tokens (and so of any creditor this connector can serve). */
export const CREDITOR_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function creditorOf(claims: unknown): CreditorPrincipal | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const { roles, creditor } = claims as Record<string, unknown>;
  if (!Array.isArray(roles) || !roles.includes('creditor')) return null;
  if (typeof creditor !== 'string' || !CREDITOR_ID_PATTERN.test(creditor)) return null;
  return { creditorId: creditor };
}

function keyProvider(config: ConnectorsConfig) {
  if (config.AUTH_JWKS_URL) {
    const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
    return (_request: unknown, rawJwt: string, done: KeyCallback) => {
      let alg: string | undefined;
      let kid: string | undefined;
      try {
        ({ alg, kid } = decodeProtectedHeader(rawJwt));
      } catch {
        done(new Error('malformed token'));
        return;
      }
      if (!alg || !(ALGORITHMS as readonly string[]).includes(alg)) {
        done(new Error('token algorithm not accepted'));
        return;
      }
      jwks({ alg, kid })
        .then((key) => exportSPKI(key as Parameters<typeof exportSPKI>[0]))
        .then((pem) => done(null, pem))
        .catch(() => done(new Error('no matching key for the token')));
    };
  }
  const pem = readFileSync(config.AUTH_PUBLIC_KEY_FILE as string, 'utf8');
  return (_request: unknown, _rawJwt: string, done: KeyCallback) => done(null, pem);
}
