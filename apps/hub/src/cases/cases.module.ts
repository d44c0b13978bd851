import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CaseEventsModule } from '../case-events/case-events.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { WorkQueueRepository } from '../work-queues/work-queue.repository.js';
import { CaseConnectionResolver } from './case-connection.resolver.js';
import { CaseUrgencyRepository } from './case-urgency.repository.js';
import { CaseRepository } from './case.repository.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [AuditModule, AuthModule, CaseEventsModule, OutboxModule, SignalsModule],
  providers: [
    CaseUrgencyRepository,
    CaseRepository,
    WorkQueueRepository,
    CasesService,
    CasesResolver,
    CaseConnectionResolver,
  ],
  exports: [CaseUrgencyRepository, CaseRepository, WorkQueueRepository, CasesService],
})
export class CasesModule {}
