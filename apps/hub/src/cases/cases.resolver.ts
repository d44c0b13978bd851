import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { CaseResult } from '@signaalhub/domain';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { CaseLoaders } from './case.loaders.js';
import { CasesService } from './cases.service.js';
import { CaseResultValue } from '../graphql/enums.js';
import { CaseConnectionType, CaseType, HouseholdType, SignalType } from './dto/case.types.js';
import { CasesArgs } from './dto/cases.args.js';

@Resolver(() => CaseType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class CasesResolver {
  constructor(private readonly cases: CasesService) {}

  @Query(() => CaseConnectionType, {
    name: 'cases',
    description: 'Cases of your municipality, newest signal first (or by orderBy), optionally of one work queue',
  })
  @Roles('worker', 'team_lead')
  casesList(@CurrentPrincipal() principal: Principal, @Args() args: CasesArgs): Promise<CaseConnectionType> {
    return this.cases.list(principal, args);
  }

  @Query(() => CaseType, { name: 'case' })
  @Roles('worker', 'team_lead')
  caseById(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<CaseType> {
    return this.cases.get(principal, id);
  }

  @Mutation(() => CaseType, { description: 'Take a new case on; its creditors hear it was picked up' })
  @Roles('worker')
  pickUpCase(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<CaseType> {
    return this.cases.pickUp(principal, id);
  }

  @Mutation(() => CaseType, { description: 'Close a case with its end result (eindresultaat)' })
  @Roles('worker')
  closeCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('result', { type: () => CaseResultValue }) result: CaseResult,
  ): Promise<CaseType> {
    return this.cases.close(principal, id, result);
  }

  @ResolveField(() => HouseholdType)
  async household(@Parent() parent: CaseType, @Context('loaders') loaders: CaseLoaders): Promise<HouseholdType | null> {
    return loaders.household.load(parent.householdId);
  }

  @ResolveField(() => [SignalType])
  signals(@Parent() parent: CaseType, @Context('loaders') loaders: CaseLoaders): Promise<SignalType[]> {
    return loaders.signals.load(parent.id);
  }
}
