import { UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { DdasExporter } from './ddas-exporter.js';
import { DdasExportArgs, DdasExportPageType } from './dto/ddas.types.js';

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class DdasResolver {
  constructor(private readonly exporter: DdasExporter) {}

  @Query(() => DdasExportPageType, {
    description:
      'Your municipality’s DDAS delivery to CBS for a past period (signal dates, both ends inclusive), page by page. ' +
      'It holds personal data: every page read is audited.',
  })
  @Roles('worker', 'team_lead')
  async ddasExport(
    @CurrentPrincipal() principal: Principal,
    @Args() args: DdasExportArgs,
  ): Promise<DdasExportPageType> {
    const page = await this.exporter.page(principal, args.from, args.to, args.page);
    return { ...page, document: JSON.stringify(page.document) };
  }
}
