import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createConnectorsApp } from './bootstrap.js';
import { ConfigError, loadConnectorsConfig } from './config/connectors-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConnectorsConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      // EX_CONFIG (sysexits.h): supervisors can tell a configuration mistake from a crash.
      process.exit(78);
    }
    throw error;
  }
  const app = await createConnectorsApp(config);
  // The process's signals belong to its entry point: a host that embeds the app (npm start, the
  // tests) stops it itself, and Nest's hooks would re-raise SIGINT and cut that stop short.
  app.enableShutdownHooks();
  await app.listen(config.CONNECTORS_PORT, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`Connectors listening on ${await app.getUrl()}`);
}

await main();
