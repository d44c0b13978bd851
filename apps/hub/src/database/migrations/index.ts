import { InitialSchema1732300000000 } from './1732300000000-initial-schema.js';
import { CreditorRegistry1732400000000 } from './1732400000000-creditor-registry.js';
import { RuleDecisionsAndOutbox1732500000000 } from './1732500000000-rule-decisions-and-outbox.js';
import { CaseWork1732600000000 } from './1732600000000-case-work.js';
import { IngestHardening1732700000000 } from './1732700000000-ingest-hardening.js';
import { AuditAppendOnly1732710000000 } from './1732710000000-audit-append-only.js';
import { UrgencyAndWorkQueues1732800000000 } from './1732800000000-urgency-and-work-queues.js';
import { ContactAttemptsNotesEvents1732810000000 } from './1732810000000-contact-attempts-notes-events.js';
import { KpisExportRouting1732820000000 } from './1732820000000-kpis-export-routing.js';
import { CaseEventNotify1732830000000 } from './1732830000000-case-event-notify.js';
import { AuditChain1732900000000 } from './1732900000000-audit-chain.js';
import { PrivacyReportsRetention1732910000000 } from './1732910000000-privacy-reports-retention.js';
import { DataSubjectRights1732920000000 } from './1732920000000-data-subject-rights.js';
import { KpiPeriodIndex1732930000000 } from './1732930000000-kpi-period-index.js';
import { KpiCaseFigures1733000000000 } from './1733000000000-kpi-case-figures.js';
import { KpiDaysStatistics1733100000000 } from './1733100000000-kpi-days-statistics.js';

/** Every migration, in order. Listed explicitly so the ESM build needs no file globbing. */
export const migrations = [
  InitialSchema1732300000000,
  CreditorRegistry1732400000000,
  RuleDecisionsAndOutbox1732500000000,
  CaseWork1732600000000,
  IngestHardening1732700000000,
  AuditAppendOnly1732710000000,
  UrgencyAndWorkQueues1732800000000,
  ContactAttemptsNotesEvents1732810000000,
  KpisExportRouting1732820000000,
  CaseEventNotify1732830000000,
  AuditChain1732900000000,
  PrivacyReportsRetention1732910000000,
  DataSubjectRights1732920000000,
  KpiPeriodIndex1732930000000,
  KpiCaseFigures1733000000000,
  KpiDaysStatistics1733100000000,
];
