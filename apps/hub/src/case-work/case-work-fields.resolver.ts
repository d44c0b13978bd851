import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CaseType } from '../cases/dto/case.types.js';
import { CaseTimelineService } from './case-timeline.service.js';
import { CaseWorkService } from './case-work.service.js';
import {
  CaseListArgs,
  CaseNoteType,
  CaseTimelineArgs,
  CaseTimelineConnectionType,
  ContactAttemptType,
} from './dto/case-work.types.js';

/**
 * The work on a case, as fields of `Case`. The parent was reached through a municipality-scoped read;
 * each field scopes again by the token's municipality all the same.
 */
@Resolver(() => CaseType)
export class CaseWorkFieldsResolver {
  constructor(
    private readonly work: CaseWorkService,
    private readonly timelines: CaseTimelineService,
  ) {}

  @ResolveField(() => [ContactAttemptType], { description: 'Contactpogingen, in the order they happened' })
  contactAttempts(
    @Parent() parent: CaseType,
    @CurrentPrincipal() principal: Principal,
    @Args() args: CaseListArgs,
  ): Promise<ContactAttemptType[]> {
    return this.work.contactAttempts(principal, parent.id, args.first);
  }

  @ResolveField(() => [CaseNoteType], { description: 'Notes, newest first; every read is audited' })
  notes(@Parent() parent: CaseType, @CurrentPrincipal() principal: Principal, @Args() args: CaseListArgs) {
    return this.work.notesOf(principal, parent.id, args.first);
  }

  @ResolveField(() => CaseTimelineConnectionType, {
    description: 'Signals, pick-up, contact attempts, notes, close and transfer: one list, oldest first',
  })
  timeline(
    @Parent() parent: CaseType,
    @CurrentPrincipal() principal: Principal,
    @Args() args: CaseTimelineArgs,
  ): Promise<CaseTimelineConnectionType> {
    return this.timelines.page(principal, parent.id, args);
  }
}
