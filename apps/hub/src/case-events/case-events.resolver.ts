import { UseGuards } from '@nestjs/common';
import { Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { CaseEventBus, type CaseEventNotice } from './case-event-bus.js';
import { CaseEventType } from './dto/case-event.type.js';

@Resolver(() => CaseEventType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class CaseEventsResolver {
  constructor(private readonly bus: CaseEventBus) {}

  @Subscription(() => CaseEventType, {
    name: 'caseEvents',
    description: 'New and changed cases of your own municipality, as they happen (graphql-ws)',
    resolve: (notice: CaseEventNotice): CaseEventType => ({
      caseId: notice.caseId,
      kind: notice.kind,
      occurredAt: new Date(notice.occurredAt),
    }),
  })
  @Roles('worker')
  caseEvents(@CurrentPrincipal() principal: Principal): AsyncIterableIterator<CaseEventNotice> {
    const municipality = principal.municipality;
    return this.bus.subscribe((notice) => municipality !== null && notice.municipality === municipality);
  }
}
