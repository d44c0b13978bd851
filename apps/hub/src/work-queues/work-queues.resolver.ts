import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { CaseType } from '../cases/dto/case.types.js';
import { CaseAssignmentService } from './case-assignment.service.js';
import { WorkQueueInput, WorkQueueType } from './dto/work-queue.types.js';
import { WorkQueuesService } from './work-queues.service.js';

@Resolver(() => WorkQueueType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class WorkQueuesResolver {
  constructor(private readonly queues: WorkQueuesService) {}

  @Query(() => [WorkQueueType], { description: 'The work queues (werkbakjes) of your municipality, with counts' })
  @Roles('worker', 'team_lead')
  workQueues(@CurrentPrincipal() principal: Principal): Promise<WorkQueueType[]> {
    return this.queues.list(principal);
  }

  @Mutation(() => WorkQueueType, { description: 'Team lead: save a filter as a work queue of your municipality' })
  @Roles('team_lead')
  createWorkQueue(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: WorkQueueInput,
  ): Promise<WorkQueueType> {
    return this.queues.create(principal, input);
  }

  @Mutation(() => WorkQueueType, { description: 'Team lead: change the name and filter of a work queue' })
  @Roles('team_lead')
  updateWorkQueue(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: WorkQueueInput,
  ): Promise<WorkQueueType> {
    return this.queues.update(principal, id, input);
  }

  @Mutation(() => Boolean, { description: 'Team lead: remove a work queue (its cases stay as they are)' })
  @Roles('team_lead')
  deleteWorkQueue(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.queues.delete(principal, id);
  }
}

/** Assignment on the case: who works it, and the team lead's mutation to change that. */
@Resolver(() => CaseType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class CaseAssignmentResolver {
  constructor(private readonly assignment: CaseAssignmentService) {}

  @Mutation(() => CaseType, { description: 'Team lead: assign a case to a worker (token sub); null unassigns' })
  @Roles('team_lead')
  assignCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('worker', { type: () => String, nullable: true }) worker: string | null,
  ): Promise<CaseType> {
    return this.assignment.assign(principal, id, worker ?? null);
  }

  @ResolveField(() => String, { nullable: true, description: 'The worker (token sub) the case is assigned to' })
  assignedTo(@Parent() parent: CaseType): string | null {
    return parent.assignedTo;
  }
}
