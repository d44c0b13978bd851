import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [AuditModule, AuthModule],
  providers: [CasesService, CasesResolver],
  exports: [CasesService],
})
export class CasesModule {}
