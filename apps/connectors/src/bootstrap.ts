import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ConnectorsConfig } from './config/connectors-config.js';
import { ConnectorsModule } from './connectors.module.js';

/** Builds the connectors app; used by `main.ts` and the tests alike. */
export async function createConnectorsApp(config: ConnectorsConfig): Promise<INestApplication> {
  const features: Array<Type | DynamicModule> = [];
  if (config.simulatorHttpEnabled) {
    // Imported only here, so a process without the switch never even loads the simulator or the
    // synthetic-signal generator it depends on: the route cannot be reached by accident.
    const { SimulatorModule } = await import('./simulator/simulator.module.js');
    features.push(SimulatorModule);
  }
  const restIngress = config.restIngressEnabled ? await import('./rest-ingress/index.js') : null;
  if (restIngress) {
    // One reader of the feedback topic for the status/pull side and the webhooks alike.
    const { FeedbackStreamModule } = await import('./feedback-stream/feedback-stream.module.js');
    features.push(FeedbackStreamModule, restIngress.RestIngressModule);
  }
  if (config.feedbackWebhooksEnabled)
    features.push((await import('./feedback-webhooks/index.js')).FeedbackWebhooksModule);
  const app = await NestFactory.create<NestExpressApplication>(
    ConnectorsModule.forRoot(config, features),
    new ExpressAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  if (restIngress) {
    restIngress.limitJsonBodies(app, config.REST_MAX_BODY_BYTES);
    restIngress.serveRestIngressDocs(app);
  }
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      // Unknown fields are refused rather than dropped, so a creditor's typo does not pass unnoticed.
      whitelist: true,
      forbidNonWhitelisted: true,
    }),
  );
  await app.init();
  return app;
}
