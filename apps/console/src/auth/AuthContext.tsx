import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { sessionFromToken, type Session } from './session';
import { fetchDemoToken, fetchSignInConfig, type SignInConfig } from './sign-in-config';

interface Auth {
  /** Null while the hub's sign-in configuration loads. */
  config: SignInConfig | null;
  configFailed: boolean;
  session: Session | null;
  signInAsDemoUser(userId: string): Promise<void>;
  startOidcSignIn(returnTo: string): Promise<void>;
  completeOidcSignIn(): Promise<string>;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [configFailed, setConfigFailed] = useState(false);
  // React state is the only place the token is kept.
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    fetchSignInConfig().then(setConfig, () => setConfigFailed(true));
  }, []);

  const signInAsDemoUser = useCallback(async (userId: string) => {
    const { token, user } = await fetchDemoToken(userId);
    setSession(sessionFromToken(token, user.name));
  }, []);

  const startOidcSignIn = useCallback(
    async (returnTo: string) => {
      if (config?.signIn !== 'oidc') throw new Error('OIDC is not configured');
      const oidc = await import('./oidc');
      await oidc.startOidcSignIn(config, returnTo);
    },
    [config],
  );

  const completeOidcSignIn = useCallback(async () => {
    if (config?.signIn !== 'oidc') throw new Error('OIDC is not configured');
    const oidc = await import('./oidc');
    const { accessToken, name, returnTo } = await oidc.completeOidcSignIn(config);
    setSession(sessionFromToken(accessToken, name));
    return returnTo;
  }, [config]);

  const signOut = useCallback(() => {
    setSession(null);
    if (config?.signIn === 'oidc') void import('./oidc').then((oidc) => oidc.oidcSignOut(config));
  }, [config]);

  // A token past its expiry is worthless; signing out then shows the sign-in page, not errors.
  useEffect(() => {
    if (!session?.expiresAt) return;
    const ms = session.expiresAt * 1000 - Date.now();
    const timer = setTimeout(() => setSession(null), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  const value = useMemo<Auth>(
    () => ({ config, configFailed, session, signInAsDemoUser, startOidcSignIn, completeOidcSignIn, signOut }),
    [config, configFailed, session, signInAsDemoUser, startOidcSignIn, completeOidcSignIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in session, for views that are only reachable signed in. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
