import { Module } from '@nestjs/common';
import { HubConfig } from '../config/hub-config.js';
import { ObjectionRepository } from './objection.repository.js';
import { ObjectionScreen } from './objection-screen.js';
import { PSEUDONYM_KEY, pseudonymKey } from './pseudonym-key.js';

/** Objections and the pseudonym key: shared by the officers' API and the ingest. */
@Module({
  providers: [
    { provide: PSEUDONYM_KEY, inject: [HubConfig], useFactory: (config: HubConfig) => pseudonymKey(config) },
    ObjectionRepository,
    ObjectionScreen,
  ],
  exports: [PSEUDONYM_KEY, ObjectionRepository, ObjectionScreen],
})
export class ObjectionModule {}
