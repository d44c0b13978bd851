import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditVerifier } from './audit-verifier.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { DataSharingRepository } from './data-sharing.repository.js';
import { PrivacyReportsService } from './privacy-reports.service.js';
import { PrivacyResolver } from './privacy.resolver.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/**
 * What privacy officers use: the audit trail of their municipality and its verification, the
 * data-sharing and retention reports, and retention itself.
 */
@Module({
  imports: [AuditModule, AuthModule, ReferenceModule],
  providers: [
    AuditLogResolver,
    AuditLogService,
    AuditVerifier,
    DataSharingRepository,
    RetentionRepository,
    RetentionService,
    PrivacyReportsService,
    PrivacyResolver,
  ],
  exports: [RetentionService],
})
export class PrivacyModule {}
