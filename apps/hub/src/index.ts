// The hub's public face: what tools/, test/ and bench/ may use (an ESLint rule refuses deeper
// imports from outside the hub). `main.ts` is the process; this is the library view of the same app.
export { createHubApp } from './bootstrap.js';
export { ConfigError, HubConfig, loadHubConfig } from './config/hub-config.js';
export type { DevSignIn, DevSignInUser } from './console/dev-sign-in.js';
export { consoleSignIn, type ConsoleSignIn } from './console/console.controller.js';
export { HubTopics } from './config/hub-topics.js';
export { createDataSource, runMigrations } from './database/data-source.js';
export { migrations } from './database/migrations/index.js';
export { APP_ROLE, appConnectionOptions } from './database/roles.js';
export { SQL_TAGS, sqlTagOf, type SqlTag } from './database/sql-tags.js';
export type { Principal, Role } from './auth/principal.js';
export { AuditService } from './audit/audit.service.js';
export {
  CreditorRegistryService,
  type RegistrySeed,
  type RegistrySnapshot,
} from './creditors/creditor-registry.service.js';
export { CreditorKeyInput } from './creditors/dto/creditor.inputs.js';
export { RegistryCache } from './creditors/registry-cache.js';
export { replayDeadLetters, type ReplayOptions, type ReplayReport } from './dead-letters/replay-dead-letters.js';
export { SignalPipeline, type AcceptedSignal, type CheckedSignal } from './ingest/signal-pipeline.js';
export { SignalStore } from './ingest/signal-store.js';
export { HubMetrics } from './metrics/hub-metrics.js';
export { SIGNAL_COLUMNS } from './signals/signal.repository.js';
export { UnroutedRetentionService } from './unrouted/unrouted-retention.service.js';
export { DdasExporter } from './ddas/ddas-exporter.js';
export { UrgencyRecomputeService } from './urgency/urgency-recompute.service.js';
export { personalDataFields } from './privacy/personal-data.js';
export { RetentionService, type RetentionOutcome } from './privacy/retention.service.js';
