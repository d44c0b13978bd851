import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';

/**
 * Whose figures a report shows. A privacy officer sees their own municipality. An operator (the
 * hub's own officer) sees the hub as a whole: aggregates over every municipality, never one
 * municipality's figures, so the operator learns nothing a municipality's officer answers for.
 */
export type ReportScope = { readonly kind: 'MUNICIPALITY'; readonly municipality: string } | { readonly kind: 'HUB' };

export function reportScope(principal: Principal): ReportScope {
  if (principal.roles.includes('privacy_officer')) {
    if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
    return { kind: 'MUNICIPALITY', municipality: principal.municipality };
  }
  if (principal.roles.includes('operator')) return { kind: 'HUB' };
  throw new HubException('FORBIDDEN', 'Only a privacy officer or an operator reads this report');
}

/** The municipality a query is limited to, or null for the whole hub. */
export function scopeMunicipality(scope: ReportScope): string | null {
  return scope.kind === 'MUNICIPALITY' ? scope.municipality : null;
}
