import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { CreditorRegistryService } from './creditor-registry.service.js';
import {
  CreditorsArgs,
  RegisterCreditorInput,
  SetAgreementInput,
  SetMunicipalityPolicyInput,
} from './dto/creditor.inputs.js';
import { AgreementType, CreditorConnectionType, CreditorType, MunicipalityPolicyType } from './dto/creditor.types.js';

/** The operator's registry of creditors, their keys and agreements, and municipalities' settings. */
@Resolver(() => CreditorType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class CreditorsResolver {
  constructor(private readonly registry: CreditorRegistryService) {}

  @Query(() => CreditorConnectionType, { description: 'Operator: registered creditors, by id' })
  @Roles('operator')
  creditors(@CurrentPrincipal() principal: Principal, @Args() args: CreditorsArgs): Promise<CreditorConnectionType> {
    return this.registry.list(principal, args);
  }

  @Mutation(() => CreditorType, { description: 'Operator: register a creditor with its sectors and public keys' })
  @Roles('operator')
  registerCreditor(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterCreditorInput,
  ): Promise<CreditorType> {
    return this.registry.register(principal, input);
  }

  @Mutation(() => CreditorType, { description: 'Operator: add a signing key; several keys may be active at once' })
  @Roles('operator')
  addCreditorKey(
    @CurrentPrincipal() principal: Principal,
    @Args('creditorId') creditorId: string,
    @Args('keyId') keyId: string,
    @Args('publicKeyPem', { description: 'Ed25519 public key, PEM' }) publicKeyPem: string,
  ): Promise<CreditorType> {
    return this.registry.addKey(principal, creditorId, { keyId, publicKeyPem });
  }

  @Mutation(() => CreditorType, {
    description: 'Operator: refuse signals signed with this key from revokedAt on (default: now)',
  })
  @Roles('operator')
  revokeCreditorKey(
    @CurrentPrincipal() principal: Principal,
    @Args('creditorId') creditorId: string,
    @Args('keyId') keyId: string,
    @Args('revokedAt', { type: () => Date, nullable: true }) revokedAt?: Date | null,
  ): Promise<CreditorType> {
    return this.registry.revokeKey(principal, creditorId, keyId, revokedAt ?? undefined);
  }

  @Mutation(() => AgreementType, {
    description:
      'Operator: record an agreement, or change the end of the one with the same creditor, municipality, sector and start',
  })
  @Roles('operator')
  setAgreement(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetAgreementInput,
  ): Promise<AgreementType> {
    return this.registry.setAgreement(principal, input);
  }

  @Mutation(() => MunicipalityPolicyType, {
    description: 'Operator: a municipality’s minimum amount and matching period',
  })
  @Roles('operator')
  setMunicipalityPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetMunicipalityPolicyInput,
  ): Promise<MunicipalityPolicyType> {
    return this.registry.setPolicy(principal, input);
  }
}
