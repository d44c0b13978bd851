// `npm run kafka:start|kafka:stop` (or `tools/kafka.ts status`): the local Kafka broker that the
// apps and integration tests connect to, without Docker. See libs/devstack/src/kafka-broker.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaBrokerStatus, startKafkaBroker, stopKafkaBroker } from '../libs/devstack/src/kafka-broker.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const dataDir = join(repoRoot, '.cache/kafka');
const jarCacheDir = join(repoRoot, '.cache/kafka-jars');
const port = Number(process.env['KAFKA_PORT'] ?? 9092);
const controllerPort = 9093;

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'start': {
      const started = Date.now();
      const broker = await startKafkaBroker({
        dataDir,
        port,
        controllerPort,
        jarCacheDir,
        log: (message) => console.log(message),
      });
      const how = broker.reused ? 'already running' : `started in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      console.log(`Kafka ready at ${broker.brokers} (pid ${broker.pid}, ${how}; data in ${dataDir})`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopKafkaBroker(dataDir);
      console.log(stopped ? 'Kafka stopped' : 'Kafka was not running');
      return 0;
    }
    case 'status': {
      const status = await kafkaBrokerStatus(dataDir);
      if (status.running) {
        console.log(`Kafka running at ${status.brokers} (pid ${status.pid})`);
        return 0;
      }
      console.log(
        status.pid === undefined ? 'Kafka not running' : `Kafka process ${status.pid} is alive but not answering`,
      );
      // Non-zero so scripts can use `status` as a check.
      return 1;
    }
    default:
      console.error('Usage: node --import ./tools/ts/register.mjs tools/kafka.ts <start|stop|status>');
      return 2;
  }
}

if (!Number.isInteger(port) || port <= 0 || port > 65535 || port === controllerPort) {
  console.error(`KAFKA_PORT must be a free TCP port other than ${controllerPort}, got ${process.env['KAFKA_PORT']}`);
  process.exit(2);
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
