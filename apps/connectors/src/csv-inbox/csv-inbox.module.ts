import { Module } from '@nestjs/common';
import { CsvInboxService } from './csv-inbox.service.js';

/** The CSV batch inbox (README "CSV batch ingress"); imported only when CSV_INBOX_DIR is set. */
@Module({ providers: [CsvInboxService] })
export class CsvInboxModule {}
