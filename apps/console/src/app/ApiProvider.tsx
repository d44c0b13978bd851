import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient } from '../api/client';
import { useAuth } from '../auth/AuthContext';

/**
 * The GraphQL client of the signed-in session, shared by every view so the normalised cache and the
 * graphql-ws connection outlive a navigation; a new session gets a new client and an empty cache.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const token = useAuth().session?.token ?? null;
  const api = useMemo(() => (token ? createApiClient(token) : null), [token]);
  useEffect(() => () => api?.dispose(), [api]);
  return api ? <Provider value={api.client}>{children}</Provider> : <>{children}</>;
}
