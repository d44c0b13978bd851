// The connectors app's public entry: what the local stack (tools/), the end-to-end tests and the
// benchmarks may use. Nothing outside the app imports its deeper paths. `main.ts` does not load
// this module, so a production process still loads the simulator only when its route is switched on.
export { createConnectorsApp } from './bootstrap.js';
export { ConfigError, ConnectorsConfig, loadConnectorsConfig } from './config/connectors-config.js';
export { devCreditorKeyId, ensureCreditorKeys, type CreditorSigningKey } from './simulator/creditor-keys.js';
export {
  signedBatchRecords,
  signedMixedBatchRecords,
  type BatchSigner,
  type SignedRecord,
} from './signing/signed-records.js';
export {
  publishSyntheticSignals,
  SimulatorInputError,
  type PublishHooks,
  type SimulatorOptions,
} from './simulator/publish.js';
export {
  generateSignals,
  signedKafkaBatch,
  signedKafkaRecords,
  SYNTHETIC_CREDITORS,
  toKafkaRecord,
  type KafkaRecord,
  type RecordSigner,
  type SyntheticOptions,
  type SyntheticSignal,
} from './simulator/synthetic-signals.js';
export {
  checkNationalOptions,
  publishNationalStream,
  type NationalPublishHooks,
  type NationalPublishOptions,
} from './simulator/national-publish.js';
export {
  DEFAULT_REFERENCE_DATE,
  loadDutchFaker,
  nationalSignals,
  type NationalSignal,
  type NationalStreamOptions,
  type SignalFlaw,
} from './simulator/national-stream.js';
export { CsvFileError, readCsvFile, evaluateRow, type CsvFile, type RowResult } from './csv-inbox/csv-file.js';
export { CSV_LAYOUTS, GENERIC_LAYOUT, HOUSING_ERP_LAYOUT, type CsvLayout } from './csv-inbox/csv-layouts.js';
export {
  INBOX_FOLDERS,
  processInboxFile,
  signedRecord,
  type InboxFileDeps,
  type InboxOutcome,
  type InboxSigner,
} from './csv-inbox/inbox-file.js';
export { DONE_MARKER_SUFFIX, InboxScanner, type ScanReport } from './csv-inbox/inbox-scanner.js';
export { MAX_BATCH_ITEMS, restIngressOpenApi } from './rest-ingress/index.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type VerifyWebhookOptions,
} from './feedback-webhooks/webhook-signature.js';
