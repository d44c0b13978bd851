import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { UrgencyRecomputeService } from './urgency-recompute.service.js';
import { UrgencyResolver } from './urgency.resolver.js';

/** Case urgency on the API and its daily recompute. */
@Module({
  imports: [CasesModule],
  providers: [UrgencyResolver, UrgencyRecomputeService],
  exports: [UrgencyRecomputeService],
})
export class UrgencyModule {}
