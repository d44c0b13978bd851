import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { dirname, join } from 'node:path';
import { SignJWT } from 'jose';

/**
 * The `iss` of development tokens. The hub checks it like a production issuer: `npm start` and the
 * test harness configure AUTH_ISSUER with it.
 */
export const DEV_ISSUER = 'signaalhub-dev';

export type TokenRole = 'worker' | 'team_lead' | 'privacy_officer' | 'operator' | 'creditor';

export interface TokenClaims {
  sub?: string;
  roles: TokenRole[];
  municipality?: string;
  creditor?: string;
  /** Lifetime in seconds; default 8 hours (a working day). */
  expiresIn?: number;
  audience?: string;
  /** Default DEV_ISSUER. */
  issuer?: string;
}

export interface DevKeyPair {
  privateKeyFile: string;
  publicKeyFile: string;
}

/**
 * The development signing key: created on first use in the ignored cache folder, never committed.
 * Production verifies tokens of the municipality's OIDC provider instead (AUTH_JWKS_URL).
 */
export function ensureDevKeyPair(dir: string): DevKeyPair {
  const privateKeyFile = join(dir, 'dev-jwt-private.pem');
  const publicKeyFile = join(dir, 'dev-jwt-public.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    mkdirSync(dirname(privateKeyFile), { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKeyFile, publicKeyFile };
}

/** Signs a token with the development key (ES256), in the claim shape of ARCHITECTURE.md. */
export async function mintToken(keys: DevKeyPair, claims: TokenClaims): Promise<string> {
  const key = createPrivateKey(readFileSync(keys.privateKeyFile, 'utf8'));
  const payload: Record<string, unknown> = { roles: claims.roles };
  if (claims.municipality) payload.municipality = claims.municipality;
  if (claims.creditor) payload.creditor = claims.creditor;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(claims.sub ?? `dev-${claims.roles.join('-')}`)
    .setIssuer(claims.issuer ?? DEV_ISSUER)
    .setAudience(claims.audience ?? 'signaalhub')
    .setIssuedAt()
    .setExpirationTime(`${claims.expiresIn ?? 8 * 3600}s`)
    .sign(key);
}
