import { UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { MunicipalityKpisType, PeriodArgs } from './dto/kpis.types.js';
import { KpisService } from './kpis.service.js';

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class KpisResolver {
  constructor(private readonly kpis: KpisService) {}

  @Query(() => MunicipalityKpisType, {
    description: 'The national monitor figures of your municipality over a period (signal dates, both ends inclusive)',
  })
  @Roles('worker', 'team_lead')
  municipalityKpis(@CurrentPrincipal() principal: Principal, @Args() args: PeriodArgs): Promise<MunicipalityKpisType> {
    return this.kpis.municipalityKpis(principal, args.from, args.to);
  }
}
