// Puts refused signals back on the signals topic after their cause was fixed:
//   npm run dlq:replay -- [--reason STORE_FAILED ...] [--dry-run] [--old-key-file FILE ...]
// environment: KAFKA_BROKERS, DLQ_ENCRYPTION_KEY_FILE, KAFKA_TOPIC_PREFIX and the Kafka TLS/SASL
// variables, as the hub reads them.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deadLetterKeyFromBase64, TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ } from '@signaalhub/contracts';
import { createKafkaBus } from '@signaalhub/kafka';
import { KAFKA_SECURITY_ENV_KEYS, loadKafkaSecurity } from '@signaalhub/platform';
import { replayDeadLetters } from './replay-dead-letters.js';

const USAGE = `usage: npm run dlq:replay -- [--reason CODE ...] [--dry-run] [--old-key-file FILE ...]
environment: KAFKA_BROKERS and DLQ_ENCRYPTION_KEY_FILE (required), KAFKA_TOPIC_PREFIX, Kafka TLS/SASL variables`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        reason: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        'old-key-file': { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const env = process.env;
if (!env.KAFKA_BROKERS || !env.DLQ_ENCRYPTION_KEY_FILE) fail('KAFKA_BROKERS and DLQ_ENCRYPTION_KEY_FILE are required');
const keyFiles = [env.DLQ_ENCRYPTION_KEY_FILE, ...(values['old-key-file'] ?? [])];
const keys = keyFiles.map((file) => {
  try {
    return deadLetterKeyFromBase64(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${file}: ${(error as Error).message}`);
  }
});
const kafka = loadKafkaSecurity(
  Object.fromEntries(KAFKA_SECURITY_ENV_KEYS.map((key) => [key, env[key]])),
  env.NODE_ENV ?? 'development',
);
if (kafka.problems.length > 0) fail(kafka.problems.join('\n'));

const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
const bus = createKafkaBus({
  brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
  clientId: 'signaalhub-dead-letter-replay',
  ...kafka.security,
});
try {
  const report = await replayDeadLetters(bus, {
    keys,
    deadLetterTopic: prefix + TOPIC_SIGNALS_DLQ,
    signalsTopic: prefix + TOPIC_SIGNALS,
    reasons: values.reason ? new Set(values.reason) : undefined,
    dryRun: values['dry-run'],
  });
  const rows = [...report.read].sort(([a], [b]) => a.localeCompare(b));
  process.stdout.write(`${'reason'.padEnd(36)} ${'read'.padStart(8)} ${'replayed'.padStart(9)}\n`);
  for (const [reason, read] of rows) {
    process.stdout.write(
      `${reason.padEnd(36)} ${String(read).padStart(8)} ${String(report.replayed.get(reason) ?? 0).padStart(9)}\n`,
    );
  }
  if (report.unopenable > 0) process.stdout.write(`${report.unopenable} letters did not open with the keys given\n`);
  if (report.copies > 0) {
    process.stdout.write(
      `${report.copies} further copies of letters already read were skipped (same source position)\n`,
    );
  }
  if (values['dry-run']) process.stdout.write('dry run: nothing was produced\n');
} finally {
  await bus.close();
}
