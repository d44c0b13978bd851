import { Global, Module } from '@nestjs/common';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { CreditorSigningKeys } from './creditor-signing-keys.js';

/** The creditors' signing keys (CREDITOR_SIGNING_KEYS_DIR), one loader for every ingress of the edge. */
@Global()
@Module({
  providers: [
    {
      provide: CreditorSigningKeys,
      inject: [ConnectorsConfig],
      useFactory: (config: ConnectorsConfig) => new CreditorSigningKeys(config.CREDITOR_SIGNING_KEYS_DIR as string),
    },
  ],
  exports: [CreditorSigningKeys],
})
export class SigningModule {}
