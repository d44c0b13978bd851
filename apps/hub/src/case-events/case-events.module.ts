import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CaseEventBus } from './case-event-bus.js';
import { CaseEventRepository } from './case-event.repository.js';
import { CaseEventsListener } from './case-events.listener.js';
import { CaseEventsResolver } from './case-events.resolver.js';

/**
 * The change log of cases, written by every feature that changes a case, and its live view: the
 * `caseEvents` subscription, fed by PostgreSQL notifications when those writes commit.
 */
@Module({
  imports: [AuthModule],
  providers: [CaseEventRepository, CaseEventBus, CaseEventsListener, CaseEventsResolver],
  exports: [CaseEventRepository],
})
export class CaseEventsModule {}
