import { Module } from '@nestjs/common';
import { CaseEventRepository } from './case-event.repository.js';

/** The change log of cases, written by every feature that changes a case. */
@Module({ providers: [CaseEventRepository], exports: [CaseEventRepository] })
export class CaseEventsModule {}
