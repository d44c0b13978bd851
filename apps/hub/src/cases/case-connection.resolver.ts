import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CasesService } from './cases.service.js';
import { CaseConnectionType } from './dto/case.types.js';

/**
 * `totalCount` of a case list, counted only when the query selects it: the exact count scans every
 * matching case of the municipality, which costs far more than the page itself on a large one.
 * The list's own guard and municipality scope already ran; the count reuses that scope.
 */
@Resolver(() => CaseConnectionType)
export class CaseConnectionResolver {
  constructor(private readonly cases: CasesService) {}

  @ResolveField(() => Int, { description: 'Cases matching the filter in your municipality' })
  totalCount(@Parent() connection: CaseConnectionType): Promise<number> {
    return this.cases.count(connection.scope);
  }
}
