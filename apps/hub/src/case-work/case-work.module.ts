import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CaseEventsModule } from '../case-events/case-events.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { CaseNoteRepository } from './case-note.repository.js';
import { CaseTimelineService } from './case-timeline.service.js';
import { CaseTransferService } from './case-transfer.service.js';
import { CaseWorkFieldsResolver } from './case-work-fields.resolver.js';
import { CaseWorkResolver } from './case-work.resolver.js';
import { CaseWorkService } from './case-work.service.js';
import { ContactAttemptRepository } from './contact-attempt.repository.js';

/** Working a case: contact attempts, notes, the timeline and the transfer to another municipality. */
@Module({
  imports: [AuditModule, AuthModule, CaseEventsModule, CasesModule, OutboxModule, ReferenceModule, SignalsModule],
  providers: [
    ContactAttemptRepository,
    CaseNoteRepository,
    CaseWorkService,
    CaseTimelineService,
    CaseTransferService,
    CaseWorkResolver,
    CaseWorkFieldsResolver,
  ],
})
export class CaseWorkModule {}
