import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CaseType } from '../cases/dto/case.types.js';
import { CaseReferenceType, UrgencyType } from './dto/urgency.types.js';

/** Where a worker should go first: the case's urgency, and the case it follows (consecutive signals). */
@Resolver(() => CaseType)
export class UrgencyResolver {
  @ResolveField(() => UrgencyType, { nullable: true, description: 'Null until the case was first scored' })
  urgency(@Parent() parent: CaseType): UrgencyType | null {
    const { score, version, factors } = parent.urgency;
    return version === null ? null : { score, version, factors };
  }

  @ResolveField(() => CaseReferenceType, {
    nullable: true,
    description: "The household's earlier case this one follows: closed, or superseded after its matching period",
  })
  predecessor(@Parent() parent: CaseType): CaseReferenceType | null {
    return parent.predecessorId ? { id: parent.predecessorId } : null;
  }
}
