import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createRemoteJWKSet, exportSPKI, decodeProtectedHeader } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { HubConfig } from '../config/hub-config.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import { principalFromClaims, type Principal } from './principal.js';

export const AUDIENCE = 'signaalhub';
// jsonwebtoken (under passport-jwt) verifies these; EdDSA it does not support.
const ALGORITHMS = ['ES256', 'RS256'] as const;

type KeyCallback = (error: Error | null, key?: string) => void;

/**
 * Bearer JWTs, verified against the municipality's OIDC provider (JWKS) or a local public key
 * in development. The key lookup is the only difference; claims are checked the same way:
 * signature, `aud`, `iss` (when configured), and an `exp` that must be present and in the future.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly mergers: ReferenceData['mergers'];

  constructor(@Inject(HubConfig) config: HubConfig, @Inject(REFERENCE_DATA) reference: ReferenceData) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      audience: AUDIENCE,
      issuer: config.AUTH_ISSUER,
      algorithms: [...ALGORITHMS],
      ignoreExpiration: false,
      secretOrKeyProvider: keyProvider(config),
    });
    this.mergers = reference.mergers;
  }

  validate(claims: Record<string, unknown>): Principal | false {
    // jsonwebtoken checks `exp` only when a token carries one; a token without it would never expire.
    if (typeof claims.exp !== 'number') return false;
    return principalFromClaims(claims, this.mergers) ?? false;
  }
}

function keyProvider(config: HubConfig) {
  if (config.AUTH_JWKS_URL) {
    const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
    return (_request: unknown, rawJwt: string, done: KeyCallback) => {
      let alg: string | undefined;
      let kid: string | undefined;
      try {
        // Throws on anything that is not a JWT; passport would pass that on as a server error.
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
