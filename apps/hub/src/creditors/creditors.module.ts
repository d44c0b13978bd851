import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { CreditorRegistryService } from './creditor-registry.service.js';
import { CreditorRepository } from './creditor.repository.js';
import { CreditorsResolver } from './creditors.resolver.js';
import { RegistryCache } from './registry-cache.js';

/** The creditor registry: operator API, and the in-memory snapshot the ingest checks messages against. */
@Module({
  imports: [AuditModule, AuthModule, ReferenceModule],
  providers: [CreditorRepository, RegistryCache, CreditorRegistryService, CreditorsResolver],
  exports: [CreditorRepository, RegistryCache, CreditorRegistryService],
})
export class CreditorsModule {}
