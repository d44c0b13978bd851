import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthModule } from '../auth/auth.module.js';
import { REFERENCE_DATA, ReferenceModule, type ReferenceData } from '../reference/reference.module.js';
import { DdasExportRepository } from './ddas-export.repository.js';
import { DdasExporter } from './ddas-exporter.js';
import { DdasResolver } from './ddas.resolver.js';

@Module({
  imports: [AuditModule, AuthModule, ReferenceModule],
  providers: [
    DdasExportRepository,
    {
      // A plain class, so the command line builds the very same exporter without Nest.
      provide: DdasExporter,
      inject: [DdasExportRepository, AuditService, REFERENCE_DATA],
      useFactory: (repository: DdasExportRepository, audit: AuditService, reference: ReferenceData) =>
        new DdasExporter(repository, audit, reference),
    },
    DdasResolver,
  ],
  exports: [DdasExporter],
})
export class DdasModule {}
