import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient } from '../api/client';
import { useSession } from '../auth/AuthContext';

/** The GraphQL client of the signed-in session; a new session gets a new client and an empty cache. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { token } = useSession();
  const api = useMemo(() => createApiClient(token), [token]);
  useEffect(() => () => api.dispose(), [api]);
  return <Provider value={api.client}>{children}</Provider>;
}
