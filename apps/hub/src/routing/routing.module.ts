import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CreditorsModule } from '../creditors/creditors.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { UnroutedResolver } from './unrouted.resolver.js';
import { UnroutedRetentionService } from './unrouted-retention.service.js';
import { UnroutedService } from './unrouted.service.js';

@Module({
  imports: [AuditModule, AuthModule, IngestModule, CreditorsModule],
  providers: [UnroutedService, UnroutedResolver, UnroutedRetentionService],
})
export class RoutingModule {}
