import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { GqlJwtGuard, Roles, RolesGuard } from '../auth/gql-auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { DataSubjectService } from './data-subject.service.js';
import {
  DataSubjectInputType,
  ErasureResultType,
  ObjectionResultType,
  RectificationInputType,
  SubjectAccessReportType,
} from './dto/data-subject.types.js';
import { renderSubjectAccessPdf } from './subject-access-pdf.js';

/** The data subject's rights, for privacy officers of a municipality. */
@Resolver(() => SubjectAccessReportType)
@UseGuards(GqlJwtGuard, RolesGuard)
export class DataSubjectResolver {
  constructor(private readonly subjects: DataSubjectService) {}

  @Query(() => SubjectAccessReportType, {
    description: 'Everything held about one person in your municipality and every access to it (AVG art. 15)',
  })
  @Roles('privacy_officer')
  subjectAccess(
    @CurrentPrincipal() principal: Principal,
    @Args('person', { type: () => DataSubjectInputType }) person: DataSubjectInputType,
  ): Promise<SubjectAccessReportType> {
    return this.subjects.access(principal, person);
  }

  // The same report as the JSON it belongs to, so the PDF can never show more or other data.
  @ResolveField(() => String, { description: 'The report as a printable PDF, base64-encoded' })
  @Roles('privacy_officer')
  async pdfBase64(@Parent() report: SubjectAccessReportType): Promise<string> {
    return (await renderSubjectAccessPdf(report)).toString('base64');
  }

  @Mutation(() => [String], {
    description: 'Corrects a signal’s personal data (AVG art. 16); returns the changed fields',
  })
  @Roles('privacy_officer')
  rectifySubject(
    @CurrentPrincipal() principal: Principal,
    @Args('signalId', { type: () => ID }) signalId: string,
    @Args('changes', { type: () => RectificationInputType }) changes: RectificationInputType,
  ): Promise<string[]> {
    return this.subjects.rectify(principal, signalId, changes);
  }

  @Mutation(() => ErasureResultType, {
    description: 'Erases a person’s personal data (AVG art. 17); CONFLICT while a case of theirs is being worked',
  })
  @Roles('privacy_officer')
  eraseSubject(
    @CurrentPrincipal() principal: Principal,
    @Args('person', { type: () => DataSubjectInputType }) person: DataSubjectInputType,
  ): Promise<ErasureResultType> {
    return this.subjects.erase(principal, person);
  }

  @Mutation(() => ObjectionResultType, {
    description: 'Records a person’s objection (AVG art. 21): their new signals are no longer processed',
  })
  @Roles('privacy_officer')
  recordObjection(
    @CurrentPrincipal() principal: Principal,
    @Args('person', { type: () => DataSubjectInputType }) person: DataSubjectInputType,
  ): Promise<ObjectionResultType> {
    return this.subjects.object(principal, person);
  }
}
