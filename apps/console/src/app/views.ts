import { caseViews } from '../features/cases/views';
import { operatorViews } from '../features/operator/views';
import { privacyViews } from '../features/privacy/views';
import { teamLeadViews } from '../features/team-lead/views';
import type { Role } from '../auth/session';
import type { ConsoleView } from './view';

/**
 * Every view of the console: each area's `features/<area>/views.ts`. Routes, navigation and role
 * checks follow from this table.
 */
export const VIEWS: readonly ConsoleView[] = [...caseViews, ...teamLeadViews, ...privacyViews, ...operatorViews];

export function navigationFor(roles: readonly Role[]): ConsoleView[] {
  return VIEWS.filter((view) => view.nav && view.roles.some((role) => roles.includes(role))).sort(
    (a, b) => a.nav!.order - b.nav!.order,
  );
}

/** Where a role starts after signing in: its first view in the navigation. */
export function homePathFor(roles: readonly Role[]): string | null {
  return navigationFor(roles)[0]?.path ?? null;
}
