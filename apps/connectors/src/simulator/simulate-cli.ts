// Publishes a national stream of synthetic signals, signed per creditor, as creditors' connectors would:
//   KAFKA_BROKERS=localhost:9092 npm run simulate -- --signals 1000000 --rate 5000 --seed 1
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EX_USAGE, fail, optionNumber, runSimulatorCli } from './cli-run.js';
import { publishNationalStream } from './national-publish.js';
import { DEFAULT_REFERENCE_DATE } from './national-stream.js';

const USAGE = `usage: npm run simulate -- --signals N [--rate N] [--seed S] [--invalid-share F] [--reference-date YYYY-MM-DD]
  --rate            signals per second at most (default: as fast as Kafka takes them)
  --seed            same seed and reference date, same messages byte for byte (default: random, printed)
  --invalid-share   share 0-1 of invalid and rule-breaking signals (default 0)
  --reference-date  last day of the period the stream covers (default ${DEFAULT_REFERENCE_DATE})
environment: KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX, CREDITOR_KEYS_DIR`;

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
  const count = optionNumber('signals', args.signals, USAGE);
  if (count === undefined) fail(EX_USAGE, USAGE);
  const options = {
    count,
    rate: optionNumber('rate', args.rate, USAGE, /^\d+(\.\d+)?$/),
    // Printed below so a run without --seed can still be repeated exactly.
    seed: optionNumber('seed', args.seed, USAGE) ?? randomInt(0, 2 ** 31 - 1),
    invalidShare: optionNumber('invalid-share', args['invalid-share'], USAGE, /^\d+(\.\d+)?$/),
    referenceDate: args['reference-date'],
  };

  await runSimulatorCli(async ({ bus, topic, signers }) => {
    const { published } = await publishNationalStream(bus, topic, options, {
      signers,
      onProgress: progressReporter(count),
    });
    return `Published ${published} signals to ${topic.topic} (seed ${options.seed})`;
  });
}

await main();
