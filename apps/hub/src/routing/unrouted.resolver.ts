import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { RoutedSignalType, UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';
import { UnroutedService } from './unrouted.service.js';

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class UnroutedResolver {
  constructor(private readonly unrouted: UnroutedService) {}

  @Query(() => UnroutedSignalConnectionType, {
    description: 'Operator: signals held back because no single municipality could be chosen',
  })
  @Roles('operator')
  unroutedSignals(
    @CurrentPrincipal() principal: Principal,
    @Args() args: UnroutedSignalsArgs,
  ): Promise<UnroutedSignalConnectionType> {
    return this.unrouted.list(principal, args);
  }

  @Mutation(() => RoutedSignalType, {
    description: 'Operator: send an unrouted signal to a municipality (historic codes are mapped through mergers)',
  })
  @Roles('operator')
  routeSignal(
    @CurrentPrincipal() principal: Principal,
    @Args('signalId', { type: () => ID }) signalId: string,
    @Args('municipality') municipality: string,
  ): Promise<RoutedSignalType> {
    return this.unrouted.route(principal, signalId, municipality);
  }
}
