import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { LogCapture } from '@signaalhub/platform';
import type { HubConfig } from './config/hub-config.js';
import { consoleStatic } from './console/console-static.js';
import type { DevSignIn } from './console/dev-sign-in.js';
import { ClientErrorFilter } from './errors/client-error.filter.js';
import { HubException } from './errors/hub-exception.js';
import { HubModule } from './hub.module.js';

/**
 * Builds the hub app; used by `main.ts`, the local stack and the tests alike. `logCapture` sends
 * the logs elsewhere than stdout (tests that prove what the logs hold). `devSignIn` is the local
 * stack's development sign-in for the console; a production hub never registers its route.
 */
export async function createHubApp(
  config: HubConfig,
  options: { logCapture?: LogCapture; devSignIn?: DevSignIn } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(
    HubModule.forRoot(config, options.logCapture, options.devSignIn),
    new ExpressAdapter(),
    {
      bufferLogs: true,
    },
  );
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
  // Before the routes: it answers only the console's files and pages and passes everything else on.
  if (config.CONSOLE_DIR)
    app.use(consoleStatic(config.CONSOLE_DIR, config.CONSOLE_OIDC_CLIENT_ID && config.AUTH_ISSUER));
  await app.init();
  return app;
}
