import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { KpisRepository } from './kpis.repository.js';
import { KpisResolver } from './kpis.resolver.js';
import { KpisService } from './kpis.service.js';

@Module({
  imports: [AuthModule, ReferenceModule],
  providers: [KpisRepository, KpisService, KpisResolver],
})
export class KpisModule {}
