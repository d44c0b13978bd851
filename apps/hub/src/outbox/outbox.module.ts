import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxRepository } from './outbox.repository.js';

/** The transactional outbox of creditor feedback: written with each decision, relayed after commit. */
@Module({ providers: [OutboxRepository, OutboxRelay], exports: [OutboxRepository, OutboxRelay] })
export class OutboxModule {}
