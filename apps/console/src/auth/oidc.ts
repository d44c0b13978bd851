// Production sign-in: OpenID Connect authorization code flow with PKCE (oidc-client-ts). Loaded only
// when the hub says it uses OIDC, so the development build path carries none of it.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { OIDC_CALLBACK_PATH } from './oidc-paths';
import type { SignInConfig } from './sign-in-config';

type OidcConfig = Extract<SignInConfig, { signIn: 'oidc' }>;

let manager: UserManager | null = null;

function userManager(config: OidcConfig): UserManager {
  manager ??= new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    redirect_uri: `${window.location.origin}${OIDC_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    // Tokens stay in memory; only the short-lived PKCE state of a redirect in flight is kept in
    // sessionStorage, since the page is left for the provider and comes back.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
  });
  return manager;
}

export async function startOidcSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  await userManager(config).signinRedirect({ state: { returnTo } });
}

/** Completes the redirect back from the provider: the access token and where to go next. */
export async function completeOidcSignIn(
  config: OidcConfig,
): Promise<{ accessToken: string; name?: string; returnTo: string }> {
  const user = await userManager(config).signinRedirectCallback();
  const state = user.state as { returnTo?: string } | undefined;
  return {
    accessToken: user.access_token,
    name: user.profile.name,
    returnTo: state?.returnTo ?? '/',
  };
}

export async function oidcSignOut(config: OidcConfig): Promise<void> {
  await userManager(config).removeUser();
}
