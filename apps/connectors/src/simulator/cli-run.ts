// What the simulator's command-line tools share: exit codes, option numbers, and one run that loads
// the configuration, connects to Kafka, loads the creditors' signing keys, publishes, and maps what
// went wrong to an exit code.
import { TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createKafkaBus, type KafkaBus } from '@signaalhub/kafka';
import { ConfigError, loadConnectorsConfig } from '../config/connectors-config.js';
import { ensureCreditorKeys, type CreditorSigningKey } from './creditor-keys.js';
import { SimulatorInputError } from './publish.js';
import { SYNTHETIC_CREDITORS } from './synthetic-signals.js';

// sysexits.h codes, as main.ts uses for configuration.
export const EX_USAGE = 64;
const EX_UNAVAILABLE = 69;
const EX_CONFIG = 78;

export function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** An option's number, or undefined when absent; anything not matching `pattern` ends the run. */
export function optionNumber(
  name: string,
  value: string | undefined,
  usage: string,
  pattern = /^\d+$/,
): number | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) fail(EX_USAGE, `--${name}: not a valid number '${value}'\n${usage}`);
  return Number(value);
}

export interface SimulatorTarget {
  bus: KafkaBus;
  topic: { topic: string; retentionMs: number };
  signers: ReadonlyMap<string, CreditorSigningKey>;
}

/** Runs `publish` against the configured cluster; it returns the line to print when it succeeds. */
export async function runSimulatorCli(publish: (target: SimulatorTarget) => Promise<string>): Promise<void> {
  let config;
  try {
    config = loadConnectorsConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(EX_CONFIG, error.message);
    throw error;
  }
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
    const topic = {
      topic: config.KAFKA_TOPIC_PREFIX + TOPIC_SIGNALS,
      retentionMs: config.KAFKA_SIGNALS_RETENTION_MS,
    };
    process.stdout.write(`${await publish({ bus, topic, signers })}\n`);
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
