import { Injectable } from '@nestjs/common';
import { transition, type CaseStatus } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseRepository } from '../cases/case.repository.js';
import { CasesService } from '../cases/cases.service.js';
import type { CaseType } from '../cases/dto/case.types.js';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';

/** A worker is named by their token subject: printable, at most this long. */
export const WORKER_SUB_MAX_LENGTH = 200;
const PRINTABLE = /^[^\p{Cc}\p{Z}]+$/u;

/** A team lead hands cases to workers of the municipality. */
@Injectable()
export class CaseAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly casesService: CasesService,
    private readonly audit: AuditService,
  ) {}

  /** Assigns the case to `worker` (a token `sub`), or unassigns it with null; a closed case answers CONFLICT. */
  async assign(principal: Principal, id: string, worker: string | null): Promise<CaseType> {
    if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
    const municipality = principal.municipality;
    if (worker !== null && (worker.length > WORKER_SUB_MAX_LENGTH || !PRINTABLE.test(worker))) {
      throw new HubException(
        'BAD_USER_INPUT',
        `worker: a token subject of 1-${WORKER_SUB_MAX_LENGTH} characters without spaces or control characters`,
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const status = isUuid(id) ? await this.cases.lockStatus(tx, id, municipality) : null;
      if (status === null) throw new HubException('NOT_FOUND', 'Case not found');
      const next = transition(status as CaseStatus, { kind: 'ASSIGN' });
      if (!next.ok) throw new HubException('CONFLICT', `Cannot assign: ${next.message}`);
      await this.cases.assign(tx, id, worker);
      await this.audit.record(
        principal,
        {
          action: worker ? 'CASE_ASSIGNED' : 'CASE_UNASSIGNED',
          subjectType: 'case',
          subjectIds: [id],
          detail: { worker },
        },
        tx,
      );
    });
    return this.casesService.get(principal, id);
  }
}
