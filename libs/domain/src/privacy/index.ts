export {
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  verifyChain,
  type ChainedEntry,
  type ChainVerdict,
} from './audit-chain.js';
export {
  PROCESSING_ACTIVITIES,
  processingActivity,
  type ProcessingActivity,
  type ProcessingActivityCode,
} from './processing-activities.js';
export {
  DEFAULT_RETENTION_POLICY,
  isRetentionDue,
  retentionDueOn,
  type RetentionFacts,
  type RetentionPolicy,
} from './retention.js';
export {
  dataSubjectPseudonym,
  matchSurname,
  normaliseDataSubject,
  RECTIFIABLE_FIELDS,
  validateRectification,
  type DataSubject,
  type DataSubjectInput,
  type DataSubjectResult,
  type RectifiableField,
  type Rectification,
  type RectificationResult,
} from './data-subject.js';
