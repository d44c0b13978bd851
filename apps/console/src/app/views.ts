import { caseViews } from '../features/cases/views';
import type { Role } from '../auth/session';
import type { ConsoleView } from './view';

/**
 * Every view of the console. A new area (team lead, privacy officer, operator) adds its
 * `features/<area>/views.ts` here; routes, navigation and role checks follow from the table.
 */
export const VIEWS: readonly ConsoleView[] = [...caseViews];

export function navigationFor(roles: readonly Role[]): ConsoleView[] {
  return VIEWS.filter((view) => view.nav && view.roles.some((role) => roles.includes(role))).sort(
    (a, b) => a.nav!.order - b.nav!.order,
  );
}

/** Where a role starts after signing in: its first view in the navigation. */
export function homePathFor(roles: readonly Role[]): string | null {
  return navigationFor(roles)[0]?.path ?? null;
}
