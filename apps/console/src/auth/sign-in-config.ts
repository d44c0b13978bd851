/** How this hub lets the console sign in (GET /console/config). */
export type SignInConfig =
  | { signIn: 'development' }
  | { signIn: 'oidc'; authority: string; clientId: string; scope: string }
  | { signIn: 'none' };

export async function fetchSignInConfig(): Promise<SignInConfig> {
  const response = await fetch('/console/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`console config: HTTP ${response.status}`);
  return (await response.json()) as SignInConfig;
}

/** A demo user of the development sign-in page (GET /dev/sign-in/users). */
export interface DemoUser {
  id: string;
  name: string;
  roles: string[];
  municipality?: string;
}

export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const response = await fetch('/dev/sign-in/users', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`demo users: HTTP ${response.status}`);
  return (await response.json()) as DemoUser[];
}

export async function fetchDemoToken(userId: string): Promise<{ token: string; user: DemoUser }> {
  const response = await fetch('/dev/sign-in/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ user: userId }),
  });
  if (!response.ok) throw new Error(`demo token: HTTP ${response.status}`);
  return (await response.json()) as { token: string; user: DemoUser };
}
