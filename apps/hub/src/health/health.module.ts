import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';

@Module({ imports: [IngestModule], controllers: [HealthController], providers: [HealthRepository] })
export class HealthModule {}
