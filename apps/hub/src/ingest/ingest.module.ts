import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CaseEventsModule } from '../case-events/case-events.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { HubConfig } from '../config/hub-config.js';
import { CreditorsModule } from '../creditors/creditors.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { REFERENCE_DATA, ReferenceModule, type ReferenceData } from '../reference/reference.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { ObjectionModule } from '../privacy/objection.module.js';
import { IngestHealth } from './ingest-health.js';
import { IngestService } from './ingest.service.js';
import { MinimisationCountRepository } from './minimisation-count.repository.js';
import { RefusedMessageRepository } from './refused-message.repository.js';
import { SignalPipeline } from './signal-pipeline.js';
import { SignalStore } from './signal-store.js';

@Module({
  imports: [
    AuditModule,
    CaseEventsModule,
    CasesModule,
    CreditorsModule,
    OutboxModule,
    ReferenceModule,
    SignalsModule,
    ObjectionModule,
  ],
  providers: [
    // The pipeline itself stays pure: the reference tables are handed to it.
    {
      provide: SignalPipeline,
      inject: [REFERENCE_DATA],
      useFactory: (reference: ReferenceData) => new SignalPipeline(reference),
    },
    MinimisationCountRepository,
    RefusedMessageRepository,
    SignalStore,
    IngestService,
    {
      provide: IngestHealth,
      inject: [HubConfig],
      useFactory: (config: HubConfig) =>
        new IngestHealth({
          maxConsecutiveFailures: config.INGEST_MAX_CONSECUTIVE_FAILURES,
          stallMs: config.INGEST_STALL_SECONDS * 1000,
        }),
    },
  ],
  exports: [IngestHealth],
})
export class IngestModule {}
