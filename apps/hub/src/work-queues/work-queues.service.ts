import { Injectable } from '@nestjs/common';
import { dutchDateOf } from '@signaalhub/domain';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseRepository } from '../cases/case.repository.js';
import { CreditorSpread } from '../cases/dto/case.types.js';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';
import type { WorkQueueInput, WorkQueueType } from './dto/work-queue.types.js';
import { caseFilterOfQueue, checkWorkQueueFilter, type WorkQueueFilter } from './work-queue-filter.js';
import { WorkQueueRepository, type WorkQueue } from './work-queue.repository.js';

/** Queues a municipality may keep: enough for every team, few enough to count them in one scan. */
export const MAX_WORK_QUEUES = 100;

/** The team leads' work queues (werkbakjes) of one municipality, with their counts of open cases. */
@Injectable()
export class WorkQueuesService {
  constructor(
    private readonly queues: WorkQueueRepository,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal): Promise<WorkQueueType[]> {
    const municipality = requireMunicipality(principal);
    const queues = await this.queues.list(municipality);
    const asOf = dutchDateOf(new Date());
    const counts = await this.cases.countEach(
      municipality,
      queues.map((q) => caseFilterOfQueue(q.filter, asOf)),
    );
    return queues.map((q, i) => toType(q, counts[i]));
  }

  async create(principal: Principal, input: WorkQueueInput): Promise<WorkQueueType> {
    const municipality = requireMunicipality(principal);
    const { name, filter } = checked(input);
    const created = await this.queues.create(municipality, name, filter, principal.subject, MAX_WORK_QUEUES);
    if (created === 'NAME_TAKEN') throw new HubException('CONFLICT', 'A work queue of this name exists');
    if (created === 'LIMIT') {
      throw new HubException('CONFLICT', `A municipality keeps at most ${MAX_WORK_QUEUES} work queues`);
    }
    await this.audit.record(principal, {
      action: 'WORK_QUEUE_CREATED',
      subjectType: 'work_queue',
      subjectIds: [created.id],
    });
    return this.withCount(created);
  }

  async update(principal: Principal, id: string, input: WorkQueueInput): Promise<WorkQueueType> {
    const municipality = requireMunicipality(principal);
    const { name, filter } = checked(input);
    const updated = isUuid(id) ? await this.queues.update(id, municipality, name, filter) : null;
    if (updated === null) throw new HubException('NOT_FOUND', 'Work queue not found');
    if (updated === 'NAME_TAKEN') throw new HubException('CONFLICT', 'A work queue of this name exists');
    await this.audit.record(principal, { action: 'WORK_QUEUE_CHANGED', subjectType: 'work_queue', subjectIds: [id] });
    return this.withCount(updated);
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const municipality = requireMunicipality(principal);
    if (!isUuid(id) || !(await this.queues.delete(id, municipality))) {
      throw new HubException('NOT_FOUND', 'Work queue not found');
    }
    await this.audit.record(principal, { action: 'WORK_QUEUE_DELETED', subjectType: 'work_queue', subjectIds: [id] });
    return true;
  }

  private async withCount(queue: WorkQueue): Promise<WorkQueueType> {
    const [count] = await this.cases.countEach(queue.municipality, [
      caseFilterOfQueue(queue.filter, dutchDateOf(new Date())),
    ]);
    return toType(queue, count);
  }
}

function checked(input: WorkQueueInput): { name: string; filter: WorkQueueFilter } {
  const name = input.name.trim();
  if (name.length === 0) throw new HubException('BAD_USER_INPUT', 'A work queue needs a name');
  const check = checkWorkQueueFilter({
    sectors: input.sectors ?? undefined,
    minimumAmountCents: input.minimumAmountCents ?? undefined,
    maximumAmountCents: input.maximumAmountCents ?? undefined,
    minimumDaysInArrears: input.minimumDaysInArrears ?? undefined,
    maximumDaysInArrears: input.maximumDaysInArrears ?? undefined,
    pc4s: input.pc4s ?? undefined,
    creditorSpread: input.creditorSpread ?? undefined,
    crisis: input.crisis ?? undefined,
    unassigned: input.unassigned ?? undefined,
  });
  if (!check.ok) throw new HubException('BAD_USER_INPUT', check.message);
  return { name, filter: check.filter };
}

function toType(q: WorkQueue, openCaseCount: number): WorkQueueType {
  const f = q.filter;
  return {
    id: q.id,
    name: q.name,
    sectors: f.sectors ?? [],
    minimumAmountCents: f.minimumAmountCents ?? null,
    maximumAmountCents: f.maximumAmountCents ?? null,
    minimumDaysInArrears: f.minimumDaysInArrears ?? null,
    maximumDaysInArrears: f.maximumDaysInArrears ?? null,
    pc4s: f.pc4s ?? [],
    creditorSpread: (f.creditorSpread as CreditorSpread | undefined) ?? null,
    crisis: f.crisis ?? null,
    unassigned: f.unassigned === true,
    openCaseCount,
  };
}

function requireMunicipality(principal: Principal): string {
  if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
  return principal.municipality;
}
