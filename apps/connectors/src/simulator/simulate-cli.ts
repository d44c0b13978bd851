// Publishes a national stream of synthetic signals, signed per creditor, as creditors' connectors would:
//   KAFKA_BROKERS=localhost:9092 npm run simulate -- --signals 1000000 --rate 5000 --seed 1
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TOPIC_SIGNALS } from '@signaalhub/contracts';
import { createKafkaBus } from '@signaalhub/kafka';
import { ConfigError, loadConnectorsConfig } from '../config/connectors-config.js';
import { ensureCreditorKeys } from './creditor-keys.js';
import { publishNationalStream } from './national-publish.js';
import { DEFAULT_REFERENCE_DATE } from './national-stream.js';
import { SimulatorInputError } from './publish.js';
import { SYNTHETIC_CREDITORS } from './synthetic-signals.js';

const USAGE = `usage: npm run simulate -- --signals N [--rate N] [--seed S] [--invalid-share F] [--reference-date YYYY-MM-DD]
  --rate            signals per second at most (default: as fast as Kafka takes them)
  --seed            same seed and reference date, same messages byte for byte (default: random, printed)
  --invalid-share   share 0-1 of invalid and rule-breaking signals (default 0)
  --reference-date  last day of the period the stream covers (default ${DEFAULT_REFERENCE_DATE})
environment: KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX, CREDITOR_KEYS_DIR`;

// sysexits.h codes, as the other CLIs use.
const EX_USAGE = 64;
const EX_UNAVAILABLE = 69;
const EX_CONFIG = 78;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function number(name: string, value: string | undefined, pattern = /^\d+$/): number | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) fail(EX_USAGE, `--${name}: not a valid number '${value}'\n${USAGE}`);
  return Number(value);
}

/** On a terminal one line rewritten in place; in a log a line every tenth of the way. */
function progressReporter(total: number): (published: number, seconds: number) => void {
  const tty = process.stderr.isTTY;
  let reported = 0;
  return (published, seconds) => {
    const line = `${published.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.floor((published / total) * 100)}%) at ${Math.round(published / Math.max(seconds, 1e-3)).toLocaleString('en')} signals/s`;
    if (tty) process.stderr.write(`\r${line}${published === total ? '\n' : ''}`);
    else if (published === total || published - reported >= total / 10) {
      reported = published;
      process.stderr.write(`${line}\n`);
    }
  };
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        signals: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        'invalid-share': { type: 'string' },
        'reference-date': { type: 'string' },
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
  const count = number('signals', args.signals);
  if (count === undefined) fail(EX_USAGE, USAGE);
  const options = {
    count,
    rate: number('rate', args.rate, /^\d+(\.\d+)?$/),
    // Printed below so a run without --seed can still be repeated exactly.
    seed: number('seed', args.seed) ?? randomInt(0, 2 ** 31 - 1),
    invalidShare: number('invalid-share', args['invalid-share'], /^\d+(\.\d+)?$/),
    referenceDate: args['reference-date'],
  };

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
    const { published } = await publishNationalStream(
      bus,
      { topic, retentionMs: config.KAFKA_SIGNALS_RETENTION_MS },
      options,
      { signers, onProgress: progressReporter(count) },
    );
    process.stdout.write(`Published ${published} signals to ${topic} (seed ${options.seed})\n`);
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
