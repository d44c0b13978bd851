import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { LogCapture } from '@signaalhub/platform';
import type { HubConfig } from './config/hub-config.js';
import { ClientErrorFilter } from './errors/client-error.filter.js';
import { HubException } from './errors/hub-exception.js';
import { HubModule } from './hub.module.js';

/**
 * Builds the hub app; used by `main.ts`, the local stack and the tests alike. `logCapture` sends
 * the logs elsewhere than stdout (tests that prove what the logs hold).
 */
export async function createHubApp(
  config: HubConfig,
  options: { logCapture?: LogCapture } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(HubModule.forRoot(config, options.logCapture), new ExpressAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      // Argument problems are the client's to fix: one coded error, field names only.
      exceptionFactory: (errors) =>
        new HubException('BAD_USER_INPUT', `Invalid arguments: ${errors.map((e) => e.property).join(', ')}`),
    }),
  );
  app.useGlobalFilters(new ClientErrorFilter());
  app.enableShutdownHooks();
  await app.init();
  return app;
}
