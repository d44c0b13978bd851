import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CaseEventsModule } from '../case-events/case-events.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CreditorsModule } from '../creditors/creditors.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { UnroutedResolver } from './unrouted.resolver.js';
import { UnroutedRetentionService } from './unrouted-retention.service.js';
import { UnroutedService } from './unrouted.service.js';

/** Signals held back from routing: the operator's queue, manual routing, and their retention. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    CaseEventsModule,
    CasesModule,
    CreditorsModule,
    OutboxModule,
    ReferenceModule,
    SignalsModule,
  ],
  providers: [UnroutedService, UnroutedResolver, UnroutedRetentionService],
})
export class UnroutedModule {}
