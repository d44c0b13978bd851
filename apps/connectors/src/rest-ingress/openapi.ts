import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FeedbackWebhooksModule } from '../feedback-webhooks/feedback-webhooks.module.js';
import { RestIngressModule } from './rest-ingress.module.js';

/**
 * The creditor-facing REST API's OpenAPI 3.1 document, generated from the controllers and DTOs: the
 * ingress, and the parked webhook deliveries when webhooks are switched on.
 */
export function restIngressOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Signaalhub creditor connector')
    .setDescription(
      "A creditor's edge to the Signaalhub: signals in (signed with the creditor's key and sent to " +
        'Kafka), the feedback of the hub per signal out.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, { include: [RestIngressModule, FeedbackWebhooksModule] });
}

/** Serves the document at /docs-json and a browsable page at /docs. */
export function serveRestIngressDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => restIngressOpenApi(app));
}
