import { currentMunicipalityCode } from '@signaalhub/domain';

/** Roles of ARCHITECTURE.md "Identity and roles". */
export const ROLES = ['worker', 'team_lead', 'privacy_officer', 'operator', 'creditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, taken from a verified bearer token. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** GM code; set for workers, team leads and privacy officers. */
  municipality: string | null;
  /** Creditor id; set for creditors. */
  creditor: string | null;
}

const GM_CODE = /^GM\d{4}$/;

/**
 * Turns verified JWT claims into a principal, refusing tokens that could widen access. A municipality
 * code from before a merger (an identity provider not yet updated) is read as its current code.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  mergers: ReadonlyMap<string, string> = new Map(),
): Principal | null {
  const subject = typeof claims.sub === 'string' ? claims.sub : null;
  const rawRoles = Array.isArray(claims.roles) ? claims.roles : [];
  const roles = rawRoles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
  if (!subject || roles.length === 0) return null;
  const claimed = typeof claims.municipality === 'string' ? claims.municipality : null;
  const municipality = claimed && GM_CODE.test(claimed) ? currentMunicipalityCode(claimed, mergers) : claimed;
  const creditor = typeof claims.creditor === 'string' ? claims.creditor : null;
  const needsMunicipality =
    roles.includes('worker') || roles.includes('team_lead') || roles.includes('privacy_officer');
  if (needsMunicipality && (!municipality || !GM_CODE.test(municipality))) return null;
  if (roles.includes('creditor') && !creditor) return null;
  return { subject, roles, municipality, creditor };
}
