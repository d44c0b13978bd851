import type { ApolloDriverConfig } from '@nestjs/apollo';

import type { Request } from 'express';
import { createCaseLoaders } from '../cases/case.loaders.js';
import type { CasesService } from '../cases/cases.service.js';
import type { HubConfig } from '../config/hub-config.js';
import { formatError } from '../errors/hub-exception.js';
import { depthLimit } from './depth-limit.js';

/** Deep enough for every query the console needs; deeper ones are refused before execution. */
export const MAX_QUERY_DEPTH = 8;

export function graphqlOptions(config: HubConfig, cases: CasesService): ApolloDriverConfig {
  return {
    path: '/graphql',
    // The SDL is generated in memory; `apps/hub/schema.graphql` is its committed, tested copy.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    formatError,
    context: ({ req }: { req: Request }) => ({ req, loaders: createCaseLoaders(cases) }),
  };
}
