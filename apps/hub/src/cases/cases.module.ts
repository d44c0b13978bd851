import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CaseEventsModule } from '../case-events/case-events.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { CaseRepository } from './case.repository.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [AuditModule, AuthModule, CaseEventsModule, OutboxModule, SignalsModule],
  providers: [CaseRepository, CasesService, CasesResolver],
  exports: [CaseRepository, CasesService],
})
export class CasesModule {}
