import { Module } from '@nestjs/common';
import { loadReferenceData, type ReferenceData } from '@signaalhub/reference';
import { Pc6AddressRepository } from './pc6-address.repository.js';

/**
 * The reference tables (municipalities, PC4, mergers), loaded once per hub and injected where needed,
 * and the imported CBS address table, which stays in PostgreSQL.
 */
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');
export type { ReferenceData };

@Module({
  providers: [{ provide: REFERENCE_DATA, useFactory: (): ReferenceData => loadReferenceData() }, Pc6AddressRepository],
  exports: [REFERENCE_DATA, Pc6AddressRepository],
})
export class ReferenceModule {}
