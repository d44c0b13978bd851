import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditVerifier } from './audit-verifier.js';

/** What privacy officers use: the audit trail of their municipality and its verification. */
@Module({ imports: [AuditModule, AuthModule], providers: [AuditLogResolver, AuditLogService, AuditVerifier] })
export class PrivacyModule {}
