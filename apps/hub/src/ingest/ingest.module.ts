import { Module } from '@nestjs/common';
import { loadReferenceData } from '@signaalhub/reference';
import { CreditorsModule } from '../creditors/creditors.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { HubConfig } from '../config/hub-config.js';
import { IngestHealth } from './ingest-health.js';
import { IngestService } from './ingest.service.js';
import { SignalPipeline } from './signal-pipeline.js';
import { SignalStore } from './signal-store.js';

@Module({
  imports: [FeedbackModule, CreditorsModule],
  providers: [
    // Reference tables are loaded once at start-up; the pipeline itself stays pure.
    { provide: SignalPipeline, useFactory: () => new SignalPipeline(loadReferenceData()) },
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
  exports: [SignalStore, IngestHealth],
})
export class IngestModule {}
