import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { CaseType } from '../cases/dto/case.types.js';
import { CaseTransferService } from './case-transfer.service.js';
import { CaseWorkService } from './case-work.service.js';
import { CaseNoteType, ContactAttemptInput } from './dto/case-work.types.js';

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class CaseWorkResolver {
  constructor(
    private readonly work: CaseWorkService,
    private readonly transfers: CaseTransferService,
  ) {}

  @Mutation(() => CaseType, {
    description: 'Record a contactpoging; on a new case it is also the pick-up (its creditors hear so)',
  })
  @Roles('worker')
  recordContactAttempt(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input', { type: () => ContactAttemptInput }) input: ContactAttemptInput,
  ): Promise<CaseType> {
    return this.work.recordContactAttempt(principal, caseId, input);
  }

  @Mutation(() => CaseNoteType, { description: 'Add a note to a case (at most 2000 characters)' })
  @Roles('worker')
  addCaseNote(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('text') text: string,
  ): Promise<CaseNoteType> {
    return this.work.addNote(principal, caseId, text);
  }

  @Mutation(() => CaseType, {
    description:
      '"Persoon is geen inwoner (meer) in de gemeente": close the case here (NOT_A_RESIDENT) and move its ' +
      'signals to a case of the municipality the person lives in (GM code; former codes follow mergers)',
  })
  @Roles('worker')
  transferCase(
    @CurrentPrincipal() principal: Principal,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('toMunicipality') toMunicipality: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Kept as a note on this case' })
    reason?: string | null,
  ): Promise<CaseType> {
    return this.transfers.transfer(principal, caseId, toMunicipality, reason);
  }
}
