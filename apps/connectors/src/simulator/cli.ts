// Publishes synthetic signals to the signals topic, as a creditor's connector would:
//   KAFKA_BROKERS=localhost:9092 node --import ./tools/ts/register.mjs apps/connectors/src/simulator/cli.ts \
//     --count 300 --municipality GM0363 --municipality GM0599 --seed 1
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EX_USAGE, fail, optionNumber, runSimulatorCli } from './cli-run.js';
import { publishSyntheticSignals } from './publish.js';

const USAGE = `usage: cli.ts --count N --municipality GMxxxx [--municipality GMyyyy ...] [--seed S] [--households H]
environment: KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX (optional)`;

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
  const count = optionNumber('count', args.count, USAGE);
  const municipalities = (args.municipality ?? []).map((m) => m.trim().toUpperCase());
  if (count === undefined || municipalities.length === 0) fail(EX_USAGE, USAGE);
  // Printed below so a run without --seed can still be repeated exactly.
  const seed = optionNumber('seed', args.seed, USAGE) ?? randomInt(0, 2 ** 31 - 1);
  const households = optionNumber('households', args.households, USAGE);

  await runSimulatorCli(async ({ bus, topic, signers }) => {
    const { published } = await publishSyntheticSignals(
      bus,
      topic,
      { count, municipalities, seed, households },
      { signers },
    );
    return `Published ${published} synthetic signals to ${topic.topic} (seed ${seed})`;
  });
}

await main();
