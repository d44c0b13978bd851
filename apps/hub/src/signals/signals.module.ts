import { Module } from '@nestjs/common';
import { SignalRepository } from './signal.repository.js';

/** The stored signals, shared by the ingest, the cases and the operator's unrouted queue. */
@Module({ providers: [SignalRepository], exports: [SignalRepository] })
export class SignalsModule {}
