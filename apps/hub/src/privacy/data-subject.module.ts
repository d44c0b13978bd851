import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { DataSubjectRepository } from './data-subject.repository.js';
import { DataSubjectResolver } from './data-subject.resolver.js';
import { DataSubjectService } from './data-subject.service.js';
import { ObjectionModule } from './objection.module.js';

@Module({
  imports: [AuditModule, AuthModule, OutboxModule, ObjectionModule],
  providers: [DataSubjectRepository, DataSubjectService, DataSubjectResolver],
})
export class DataSubjectModule {}
