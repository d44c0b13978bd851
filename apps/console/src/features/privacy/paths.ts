export const AUDIT_LOG_PATH = '/auditlog';
export const DATA_SHARING_PATH = '/gegevensdeling';
export const RETENTION_PATH = '/bewaartermijnen';
export const SUBJECT_ACCESS_PATH = '/inzageverzoek';
