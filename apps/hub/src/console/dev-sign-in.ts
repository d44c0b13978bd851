import type { Role } from '../auth/principal.js';

/** A demo user of the development sign-in page. */
export interface DevSignInUser {
  /** Stable id the sign-in page posts back; also the token's `sub`. */
  id: string;
  /** How the sign-in page names the user, e.g. "Medewerker Amsterdam". */
  name: string;
  roles: Role[];
  municipality?: string;
}

/**
 * The development sign-in: demo users and a way to mint their tokens. The local stack (tools/) hands
 * it to the hub, which holds no signing key of its own; a production hub never registers its route.
 */
export interface DevSignIn {
  users: readonly DevSignInUser[];
  mint(user: DevSignInUser): Promise<string>;
}

export const DEV_SIGN_IN = Symbol('DEV_SIGN_IN');
