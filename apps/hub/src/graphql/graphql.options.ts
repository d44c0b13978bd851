import type { ApolloDriverConfig } from '@nestjs/apollo';

import type { Request } from 'express';
import type { HubConfig } from '../config/hub-config.js';
import { formatError } from '../errors/hub-exception.js';
import { queryLimitsPlugin, type QueryLimits } from './query-limits.js';

/** Deep enough for every query the console needs; deeper ones are refused before execution. */
export const MAX_QUERY_DEPTH = 8;

export function queryLimits(config: HubConfig): QueryLimits {
  return {
    maxDepth: MAX_QUERY_DEPTH,
    maxCost: config.GRAPHQL_MAX_COST,
    maxRootFields: config.GRAPHQL_MAX_ROOT_FIELDS,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxQueryBytes: config.GRAPHQL_MAX_QUERY_BYTES,
    defaultListSize: config.GRAPHQL_DEFAULT_LIST_SIZE,
  };
}

/**
 * `perRequest` adds what each request's context needs besides the request itself (the features'
 * DataLoaders), made fresh per request so nothing is cached across users.
 */
export function graphqlOptions(config: HubConfig, perRequest: () => Record<string, unknown>): ApolloDriverConfig {
  return {
    path: '/graphql',
    // The SDL is generated in memory; `apps/hub/schema.graphql` is its committed, tested copy.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    // Bounds the work validation does on fragments spread many times, before the limits below run.
    maxRecursiveSelections: true,
    plugins: [queryLimitsPlugin(queryLimits(config))],
    formatError,
    context: ({ req }: { req: Request }) => ({ ...perRequest(), req }),
  };
}
