import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { measureOperation } from './query-cost.js';

/** The most one GraphQL request may ask of the hub (hub configuration, `GRAPHQL_*`). */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxRootFields: number;
  maxAliases: number;
  maxQueryBytes: number;
  /** The size assumed for a list without a `first` argument. */
  defaultListSize: number;
}

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/**
 * Refuses an operation that is too large, too deep or too costly before any resolver runs, so no
 * SQL is sent and no audit row written for it. A plugin rather than a validation rule: the cost
 * depends on variables (`first: $n`), and Apollo recodes validation errors as
 * GRAPHQL_VALIDATION_FAILED, while these are the client's to fix (BAD_USER_INPUT, like bad arguments).
 * Parsing itself is bounded by the token limit (`parseOptions.maxTokens`).
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, document, operation, schema, request }) {
          // Without one operation (several, none named) nothing executes; graphql-js refuses it.
          if (!operation) return;
          const bytes = Buffer.byteLength(source, 'utf8');
          if (bytes > limits.maxQueryBytes) {
            throw refuse(`Query is ${bytes} bytes; at most ${limits.maxQueryBytes} are allowed`);
          }
          const measure = measureOperation(
            schema,
            document,
            operation,
            request.variables ?? {},
            limits.defaultListSize,
          );
          if (measure.rootFields > limits.maxRootFields) {
            throw refuse(`Query has ${measure.rootFields} root fields; at most ${limits.maxRootFields} are allowed`);
          }
          if (measure.aliases > limits.maxAliases) {
            throw refuse(`Query has ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed`);
          }
          if (measure.depth > limits.maxDepth) {
            throw refuse(`Query is ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`);
          }
          if (measure.cost > limits.maxCost) {
            throw refuse(`Query costs ${measure.cost}; at most ${limits.maxCost} is allowed`);
          }
        },
      };
    },
  };
}
