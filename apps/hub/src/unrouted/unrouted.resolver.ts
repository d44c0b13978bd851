import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { RoutedSignalType, UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';
import { OVERRIDE_REASON_LENGTH, UnroutedService } from './unrouted.service.js';

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
    description:
      'Operator: send an unrouted signal to one of the municipalities its postcode area lies in (historic codes are mapped through mergers); elsewhere, or for an unknown postcode, only with an overrideReason',
  })
  @Roles('operator')
  routeSignal(
    @CurrentPrincipal() principal: Principal,
    @Args('signalId', { type: () => ID }) signalId: string,
    @Args('municipality') municipality: string,
    @Args('overrideReason', {
      type: () => String,
      nullable: true,
      description: `Why the signal goes outside its postcode's municipalities (${OVERRIDE_REASON_LENGTH.min}-${OVERRIDE_REASON_LENGTH.max} characters); kept in the audit trail`,
    })
    overrideReason: string | null,
  ): Promise<RoutedSignalType> {
    return this.unrouted.route(principal, signalId, municipality, overrideReason);
  }
}
