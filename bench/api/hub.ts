// The hub under test: in-process (createHubApp) on 127.0.0.1, ingest and the feedback relay off,
// the GraphQL rate limit raised out of the way (every benchmark client shares one worker token).
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DEV_ISSUER, ensureDevDeadLetterKey, ensureDevKeyPair, freePort, mintToken } from '@signaalhub/devstack';
import { createHubApp, loadHubConfig, type DevSignIn } from '../../apps/hub/src/index.js';
import { LARGE_MUNICIPALITY } from './seed.js';

export interface RunningHub {
  app: INestApplication;
  port: number;
  /** A worker of the large municipality. */
  token: string;
  close(): Promise<void>;
}

/** `env` adds to (or overrides) the hub's settings; `devSignIn` gives it the development sign-in route. */
export async function startHub(
  databaseUrl: string,
  work: string,
  extra: { env?: Record<string, string>; devSignIn?: DevSignIn } = {},
): Promise<RunningHub> {
  const keys = ensureDevKeyPair(join(work, 'keys'));
  const config = loadHubConfig({
    DATABASE_URL: databaseUrl,
    // Never contacted: ingest and the outbox relay are off, so no consumer or producer connects.
    KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
    INGEST_ENABLED: 'false',
    OUTBOX_RELAY_ENABLED: 'false',
    AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
    AUTH_ISSUER: DEV_ISSUER,
    DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(join(work, 'dlq')),
    GRAPHQL_RATE_LIMIT_REQUESTS: '100000000',
    // Warnings only: a log line per request would measure the terminal.
    NODE_ENV: 'test',
    PORT: '0',
    ...extra.env,
  });
  const app = await createHubApp(config, { devSignIn: extra.devSignIn });
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const token = await mintToken(keys, {
    sub: 'bench-worker',
    roles: ['worker'],
    municipality: LARGE_MUNICIPALITY,
    issuer: DEV_ISSUER,
  });
  return { app, port, token, close: () => app.close() };
}
