// Who is signed in. The token lives in this module's memory only (never localStorage or
// sessionStorage): a reload or a closed tab signs out, and no script of another page can read it.

export type Role = 'worker' | 'team_lead' | 'privacy_officer' | 'operator';

export interface Session {
  token: string;
  subject: string;
  /** The name to show; the token subject when the provider gives no name. */
  name: string;
  roles: Role[];
  /** GM code; null for roles without a municipality (operator). */
  municipality: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const CONSOLE_ROLES: readonly Role[] = ['worker', 'team_lead', 'privacy_officer', 'operator'];

/**
 * Reads the claims of a bearer token for display and navigation only: the hub verifies every token
 * on every request, so nothing here is a security decision.
 */
export function sessionFromToken(token: string, name?: string): Session {
  const [, payload] = token.split('.');
  if (!payload) throw new Error('not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
  const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((r): r is Role =>
    CONSOLE_ROLES.includes(r as Role),
  );
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  return {
    token,
    subject,
    name: name ?? (typeof claims.name === 'string' ? claims.name : subject),
    roles,
    municipality: typeof claims.municipality === 'string' ? claims.municipality : null,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : 0,
  };
}

export function hasAnyRole(session: Session | null, roles: readonly Role[]): boolean {
  return session !== null && session.roles.some((role) => roles.includes(role));
}
