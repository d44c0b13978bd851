// Bearer-token verification both apps share: the hub for workers, officers and operators, the
// connectors for creditors. One identity provider issues them, so one set of checks applies.
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, decodeProtectedHeader, exportSPKI } from 'jose';
import { ExtractJwt, type StrategyOptionsWithoutRequest } from 'passport-jwt';

/** The audience every Signaalhub token carries. */
export const TOKEN_AUDIENCE = 'signaalhub';
// jsonwebtoken (under passport-jwt) verifies these; EdDSA it does not support.
const ALGORITHMS = ['ES256', 'RS256'] as const;

type KeyCallback = (error: Error | null, key?: string) => void;

export interface BearerTokenSource {
  /** The identity provider's key set (OIDC), or … */
  AUTH_JWKS_URL?: string;
  /** … a local public key (PEM), in development. */
  AUTH_PUBLIC_KEY_FILE?: string;
  /** The `iss` every token must carry, when set. */
  AUTH_ISSUER?: string;
}

/**
 * passport-jwt options for Bearer JWTs: signature (JWKS or a local public key), `aud`, `iss` when
 * configured, ES256/RS256 only, expiry enforced. Pair with {@link hasExpiry} in `validate`.
 */
export function bearerTokenOptions(source: BearerTokenSource): StrategyOptionsWithoutRequest {
  return {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    audience: TOKEN_AUDIENCE,
    issuer: source.AUTH_ISSUER,
    algorithms: [...ALGORITHMS],
    ignoreExpiration: false,
    secretOrKeyProvider: keyProvider(source),
  };
}

/** jsonwebtoken checks `exp` only when a token carries one; a token without it would never expire. */
export function hasExpiry(claims: Record<string, unknown>): boolean {
  return typeof claims.exp === 'number';
}

function keyProvider(source: BearerTokenSource) {
  if (source.AUTH_JWKS_URL) {
    const jwks = createRemoteJWKSet(new URL(source.AUTH_JWKS_URL));
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
  const pem = readFileSync(source.AUTH_PUBLIC_KEY_FILE as string, 'utf8');
  return (_request: unknown, _rawJwt: string, done: KeyCallback) => done(null, pem);
}
