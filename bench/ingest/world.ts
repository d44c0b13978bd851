// What the measurements share: the generated signals on their topic, the registry's keys, the CSV.
import type { KafkaBus } from '@signaalhub/kafka';
import { ensureDevDeadLetterKey, type DevKeyPair } from '@signaalhub/devstack';
import {
  createHubApp,
  CreditorRegistryService,
  HubTopics,
  loadHubConfig,
  type RegistrySnapshot,
} from '../../apps/hub/src/index.js';
import { seedDevelopmentCreditors } from '../../tools/dev-seed.js';
import type { BenchInfra } from '../lib/infra.js';
import type { StepsReport } from '../lib/steps.js';
import type { Options } from './options.js';

export const PRODUCE_CHUNK = 2_000;
export const PARTITIONS = 4;

export interface World {
  options: Options;
  infra: BenchInfra;
  bus: KafkaBus;
  prefix: string;
  topics: HubTopics;
  keys: DevKeyPair;
  /** The synthetic creditors' signing keys; seeding a fresh database registers them. */
  creditorKeysDir: string;
  /** Signals the hub will store: the generated ones that pass its checks, each payload once. */
  expectedRows: number;
  csvFile: string;
  id: string;
  groups: string[];
  /** d) the per-step costs, when asked for. */
  steps: StepsReport | undefined;
}

/** The world once prepared, with the two rates measured while preparing it. */
export type PreparedWorld = World & { produceSeconds: number; pipelineSeconds: number };

/**
 * Registers the synthetic creditors (keys, agreements) in the database at `url` through a hub that
 * does not consume, and returns the registry as the ingest will see it. Not part of any timing.
 */
export async function seedRegistry(
  infra: BenchInfra,
  url: string,
  creditorKeysDir: string,
  keys: DevKeyPair,
): Promise<RegistrySnapshot> {
  const app = await createHubApp(
    loadHubConfig({
      DATABASE_URL: url,
      KAFKA_BROKERS: infra.brokers,
      AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
      DLQ_ENCRYPTION_KEY_FILE: ensureDevDeadLetterKey(creditorKeysDir),
      NODE_ENV: 'test',
      PORT: '0',
      INGEST_ENABLED: 'false',
    }),
  );
  try {
    const registry = app.get(CreditorRegistryService);
    await seedDevelopmentCreditors(registry, creditorKeysDir);
    return registry.snapshot();
  } finally {
    await app.close();
  }
}
