export { limitJsonBodies } from './body-limit.js';
export { restIngressOpenApi, serveRestIngressDocs } from './openapi.js';
export { RestIngressModule } from './rest-ingress.module.js';
export { MAX_BATCH_ITEMS } from './submit-signals.dto.js';
