import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [IngestModule], controllers: [HealthController] })
export class HealthModule {}
