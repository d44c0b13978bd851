import { UseGuards } from '@nestjs/common';
import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import {
  DataSharingReportArgs,
  DataSharingReportType,
  RetentionReportArgs,
  RetentionReportType,
  SetRetentionPolicyInput,
} from './dto/privacy-report.types.js';
import { PrivacyReportsService } from './privacy-reports.service.js';

@ObjectType('MunicipalityRetentionPolicy')
class MunicipalityRetentionPolicyType {
  @Field() municipality!: string;
  @Field(() => Int) unpickedSignalMonths!: number;
  @Field(() => Int) closedCaseMonths!: number;
}

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class PrivacyResolver {
  constructor(private readonly reports: PrivacyReportsService) {}

  @Query(() => DataSharingReportType, {
    description:
      'Privacy officer: what the hub received, refused, dropped and told creditors for your municipality over a period, ' +
      'with the register of processing activities (AVG art. 30). An operator gets the hub-wide aggregates.',
  })
  @Roles('privacy_officer', 'operator')
  dataSharingReport(
    @CurrentPrincipal() principal: Principal,
    @Args() args: DataSharingReportArgs,
  ): Promise<DataSharingReportType> {
    return this.reports.dataSharingReport(principal, args.from, args.to, args.groupBy);
  }

  @Query(() => RetentionReportType, {
    description:
      'Privacy officer: what is due for deletion, and what was purged when under which terms. An operator gets the hub-wide view.',
  })
  @Roles('privacy_officer', 'operator')
  retentionReport(
    @CurrentPrincipal() principal: Principal,
    @Args() args: RetentionReportArgs,
  ): Promise<RetentionReportType> {
    return this.reports.retentionReport(principal, args.first, args.after ?? null);
  }

  @Mutation(() => MunicipalityRetentionPolicyType, {
    description: 'Operator: how long a municipality keeps personal data (months, 1 to 120)',
  })
  @Roles('operator')
  setRetentionPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetRetentionPolicyInput,
  ): Promise<MunicipalityRetentionPolicyType> {
    return this.reports.setRetentionPolicy(principal, input);
  }
}
