// The view table decides what each role sees in the navigation and may open: pure data, tested here;
// the browser tests (test/console*.e2e-spec.ts) prove the guard and the menus in Chromium.
import { describe, expect, it } from '@jest/globals';
import type { Role } from '../auth/session';
import { en } from '../i18n/en';
import { nl } from '../i18n/nl';
import { homePathFor, navigationFor, VIEWS } from './views';

const paths = (roles: Role[]) => navigationFor(roles).map((view) => view.path);

describe('the view table', () => {
  it.each<[Role, string[]]>([
    ['worker', ['/casussen', '/mijn-casussen']],
    ['team_lead', ['/casussen', '/mijn-casussen', '/werkbakjes', '/cijfers']],
    ['privacy_officer', ['/auditlog', '/gegevensdeling', '/bewaartermijnen', '/inzageverzoek']],
    ['operator', ['/schuldeisers', '/ongerouteerd', '/gemeentebeleid']],
  ])('lists for a %s only their own views, in order', (role, expected) => {
    expect(paths([role])).toEqual(expected);
    expect(homePathFor([role])).toBe(expected[0]);
  });

  it('lets every view be opened by its own roles only, one view per path', () => {
    expect(new Set(VIEWS.map((view) => view.path)).size).toBe(VIEWS.length);
    const workerOnly = VIEWS.filter((view) => view.roles.includes('worker')).map((view) => view.path);
    expect(workerOnly.every((path) => path.startsWith('/casussen') || path === '/mijn-casussen')).toBe(true);
    for (const view of VIEWS) expect(view.roles.length).toBeGreaterThan(0);
  });

  it('names every menu entry in Dutch and in English', () => {
    for (const view of VIEWS.filter((v) => v.nav)) {
      expect(nl.nav[view.nav!.label]).toEqual(expect.any(String));
      expect(en.nav[view.nav!.label]).toEqual(expect.any(String));
    }
  });
});
