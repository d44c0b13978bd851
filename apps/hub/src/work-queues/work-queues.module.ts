import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CaseAssignmentService } from './case-assignment.service.js';
import { CaseAssignmentResolver, WorkQueuesResolver } from './work-queues.resolver.js';
import { WorkQueuesService } from './work-queues.service.js';

/** Work queues (werkbakjes) of a municipality and the assignment of cases to workers. */
@Module({
  imports: [AuditModule, AuthModule, CasesModule],
  providers: [WorkQueuesService, CaseAssignmentService, WorkQueuesResolver, CaseAssignmentResolver],
})
export class WorkQueuesModule {}
