import { describe, expect, it } from '@jest/globals';
import { loadHubConfig } from '../config/hub-config.js';
import { ConsoleController, consoleSignIn } from './console.controller.js';
import { ConsoleModule } from './console.module.js';
import { DevSignInController } from './dev-sign-in.controller.js';
import type { DevSignIn } from './dev-sign-in.js';

const devSignIn: DevSignIn = {
  users: [{ id: 'demo', name: 'Demo', roles: ['worker'], municipality: 'GM0363' }],
  mint: async () => 'token',
};

const config = (env: Record<string, string>) =>
  loadHubConfig({
    DATABASE_URL: 'postgres://localhost/x',
    KAFKA_BROKERS: 'localhost:9092',
    AUTH_PUBLIC_KEY_FILE: '/dev/null',
    DLQ_ENCRYPTION_KEY_FILE: '/dev/null',
    AUTH_ISSUER: 'https://idp.example.nl/realms/gemeente',
    ...env,
  });

describe('the console module', () => {
  it('registers the development sign-in route outside production when the local stack hands one in', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const module = ConsoleModule.forRoot(config({ NODE_ENV }), devSignIn);
      expect(module.controllers).toEqual([ConsoleController, DevSignInController]);
    }
  });

  it('never registers it in production, even when handed one', () => {
    // A production config needs TLS towards Kafka and more; the module reads only NODE_ENV.
    const production = Object.assign(config({ NODE_ENV: 'test' }), { NODE_ENV: 'production' as const });
    const module = ConsoleModule.forRoot(production, devSignIn);
    expect(module.controllers).toEqual([ConsoleController]);
    expect(module.providers).toEqual([]);
  });

  it('has no development route without a DevSignIn', () => {
    expect(ConsoleModule.forRoot(config({ NODE_ENV: 'development' })).controllers).toEqual([ConsoleController]);
  });

  it('tells the console to sign in with OIDC when a client id is configured, preferring it over development', () => {
    expect(consoleSignIn(config({ CONSOLE_OIDC_CLIENT_ID: 'signaalhub-console' }), true)).toEqual({
      signIn: 'oidc',
      authority: 'https://idp.example.nl/realms/gemeente',
      clientId: 'signaalhub-console',
      scope: 'openid profile',
    });
    expect(consoleSignIn(config({}), true)).toEqual({ signIn: 'development' });
    expect(consoleSignIn(config({}), false)).toEqual({ signIn: 'none' });
  });
});
