// Publishes synthetic signals to the signals topic, as a creditor's connector would:
//   KAFKA_BROKERS=localhost:9092 node --import ./tools/ts/register.mjs apps/connectors/src/simulator/cli.ts \
//     --count 300 --municipality GM0363 --municipality GM0599 --seed 1
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createKafkaBus } from '@signaalhub/kafka';
import { ConfigError, loadConnectorsConfig } from '../config/connectors-config.js';
import { ensureCreditorKeys } from './creditor-keys.js';
import { SYNTHETIC_CREDITORS } from './synthetic-signals.js';
import { publishSyntheticSignals, SimulatorInputError } from './publish.js';

const USAGE = `usage: cli.ts --count N --municipality GMxxxx [--municipality GMyyyy ...] [--seed S] [--households H]
environment: KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX (optional)`;

// sysexits.h codes, as main.ts uses for configuration.
const EX_USAGE = 64;
const EX_UNAVAILABLE = 69;
const EX_CONFIG = 78;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(EX_USAGE, `--${name} must be a whole number, got '${value}'\n${USAGE}`);
  return Number(value);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        count: { type: 'string' },
        municipality: { type: 'string', multiple: true },
        seed: { type: 'string' },
        households: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(EX_USAGE, `${(error as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const count = integer('count', args.count);
  const municipalities = (args.municipality ?? []).map((m) => m.trim().toUpperCase());
  if (count === undefined || municipalities.length === 0) fail(EX_USAGE, USAGE);
  // Printed below so a run without --seed can still be repeated exactly.
  const seed = integer('seed', args.seed) ?? randomInt(0, 2 ** 31 - 1);
  const households = integer('households', args.households);

  let config;
  try {
    config = loadConnectorsConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(EX_CONFIG, error.message);
    throw error;
  }
  const topic = config.KAFKA_TOPIC_PREFIX + TOPIC_SIGNALS;
  const bus = createKafkaBus({
    brokers: config.kafkaBrokers,
    clientId: 'signaalhub-simulator',
    ...config.kafkaSecurity,
    log: (level, message) => {
      if (level !== 'info') process.stderr.write(`[kafka ${level}] ${message}\n`);
    },
  });
  let failure: [number, string] | null = null;
  try {
    const signers = ensureCreditorKeys(
      config.CREDITOR_KEYS_DIR,
      SYNTHETIC_CREDITORS.map((c) => c.id),
    );
    const { published } = await publishSyntheticSignals(
      bus,
      { topic, retentionMs: config.KAFKA_SIGNALS_RETENTION_MS },
      { count, municipalities, seed, households },
      { signers },
    );
    process.stdout.write(`Published ${published} synthetic signals to ${topic} (seed ${seed})\n`);
  } catch (error) {
    failure =
      error instanceof SimulatorInputError
        ? [EX_USAGE, error.message]
        : [EX_UNAVAILABLE, `Publishing failed: ${(error as Error).message}`];
  } finally {
    await bus.close();
  }
  if (failure) fail(...failure);
}

await main();
