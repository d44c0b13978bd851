import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CreditorRegistryService } from './creditor-registry.service.js';
import { CreditorsResolver } from './creditors.resolver.js';

/** The creditor registry: operator API, and the in-memory snapshot the ingest checks messages against. */
@Module({
  imports: [AuditModule, AuthModule],
  providers: [CreditorRegistryService, CreditorsResolver],
  exports: [CreditorRegistryService],
})
export class CreditorsModule {}
