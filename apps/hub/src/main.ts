import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createHubApp } from './bootstrap.js';
import { ConfigError, loadHubConfig } from './config/hub-config.js';
import { runMigrations } from './database/data-source.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadHubConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // The owner role migrates; the application's own connections then run as the application role.
  await runMigrations(config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL);
  const app = await createHubApp(config);
  // The process's signals belong to its entry point: a host that embeds the app (npm start, the
  // tests) stops it itself, and Nest's hooks would re-raise SIGINT and cut that stop short.
  app.enableShutdownHooks();
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`Hub listening on http://127.0.0.1:${config.PORT}/graphql`);
}

await main();
