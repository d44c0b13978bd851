import { UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { AuditLogService } from './audit-log.service.js';
import {
  AuditEntryConnectionType,
  AuditLogArgs,
  AuditLogCsvArgs,
  AuditVerificationType,
  VerifyAuditLogArgs,
} from './dto/audit-log.types.js';

@Resolver()
@UseGuards(GqlJwtGuard, RolesGuard)
export class AuditLogResolver {
  constructor(private readonly log: AuditLogService) {}

  @Query(() => AuditEntryConnectionType, {
    description: 'The audit trail of your municipality, newest first (privacy officers)',
  })
  @Roles('privacy_officer')
  auditLog(@CurrentPrincipal() principal: Principal, @Args() args: AuditLogArgs): Promise<AuditEntryConnectionType> {
    return this.log.page(principal, args);
  }

  @Query(() => String, { description: 'The audit trail of your municipality as CSV (RFC 4180), newest first' })
  @Roles('privacy_officer')
  auditLogCsv(@CurrentPrincipal() principal: Principal, @Args() args: AuditLogCsvArgs): Promise<string> {
    return this.log.csv(principal, args);
  }

  @Query(() => AuditVerificationType, {
    description: 'Recomputes a municipality’s hash chain over a period and names the first broken link',
  })
  @Roles('privacy_officer', 'operator')
  verifyAuditLog(
    @CurrentPrincipal() principal: Principal,
    @Args() args: VerifyAuditLogArgs,
  ): Promise<AuditVerificationType> {
    return this.log.verify(principal, args);
  }
}
