import { Module } from '@nestjs/common';
import { loadReferenceData, type ReferenceData } from '@signaalhub/reference';

/** The reference tables (municipalities, PC4, mergers), loaded once per hub and injected where needed. */
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');
export type { ReferenceData };

@Module({
  providers: [{ provide: REFERENCE_DATA, useFactory: (): ReferenceData => loadReferenceData() }],
  exports: [REFERENCE_DATA],
})
export class ReferenceModule {}
