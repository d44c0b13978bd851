// The demo users of the console's development sign-in page (npm start and the browser tests):
// a worker and a team lead of two municipalities, a privacy officer and an operator.
import { mintToken, type DevKeyPair } from '@signaalhub/devstack';
import type { DevSignIn, DevSignInUser } from '../apps/hub/src/index.js';

export const DEMO_USERS: readonly DevSignInUser[] = [
  { id: 'demo-worker-amsterdam', name: 'Medewerker Amsterdam', roles: ['worker'], municipality: 'GM0363' },
  { id: 'demo-teamlead-amsterdam', name: 'Teamleider Amsterdam', roles: ['team_lead'], municipality: 'GM0363' },
  { id: 'demo-worker-rotterdam', name: 'Medewerker Rotterdam', roles: ['worker'], municipality: 'GM0599' },
  { id: 'demo-teamlead-rotterdam', name: 'Teamleider Rotterdam', roles: ['team_lead'], municipality: 'GM0599' },
  {
    id: 'demo-privacy-amsterdam',
    name: 'Privacyfunctionaris Amsterdam',
    roles: ['privacy_officer'],
    municipality: 'GM0363',
  },
  { id: 'demo-operator', name: 'Beheerder', roles: ['operator'] },
];

/**
 * The development sign-in the hub gets from the local stack: tokens signed with the development
 * key, so the hub verifies them exactly as it verifies any other token.
 */
export function devSignIn(keys: DevKeyPair, users: readonly DevSignInUser[] = DEMO_USERS): DevSignIn {
  return {
    users,
    mint: (user) =>
      mintToken(keys, { sub: user.id, roles: user.roles, municipality: user.municipality, expiresIn: 8 * 3600 }),
  };
}
