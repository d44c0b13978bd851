import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';

import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
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
 * Answers carry personal data: no browser or proxy may keep one. The hub gives no cache hints, so
 * Apollo's cache-control plugin is off too; it would only wrap every resolver to compute a policy.
 */
const NO_STORE: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/**
 * `perRequest` adds what each request's context needs besides the request itself (the features'
 * DataLoaders), made fresh per request so nothing is cached across users.
 */
export function graphqlOptions(
  config: HubConfig,
  perRequest: () => Record<string, unknown>,
  plugins: ApolloServerPlugin[] = [],
): ApolloDriverConfig {
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
    plugins: [ApolloServerPluginCacheControlDisabled(), NO_STORE, queryLimitsPlugin(queryLimits(config)), ...plugins],
    formatError,
    subscriptions: { 'graphql-ws': graphqlWsOptions(config) },
    // HTTP requests bring their own request; a subscription gets one made from its connection's
    // token, so the same JWT guard (and rate limit) decides over both.
    context: (arg: { req?: Request } | WsContext) =>
      'req' in arg && arg.req
        ? { ...perRequest(), req: arg.req }
        : { ...perRequest(), req: wsRequest(arg as WsContext) },
  };
}

/** What graphql-ws hands the hooks and the context factory; `extra.socket` is the `ws` socket. */
type WsContext = Context<Record<string, unknown> | undefined, unknown>;

interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** The bearer token a graphql-ws client sends in `connectionParams` (`authorization` or `token`). */
export function connectionToken(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const raw = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  const token = raw.replace(/^Bearer\s+/i, '').trim();
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) ? token : null;
}

function wsRequest(ctx: WsContext): { headers: Record<string, string> } {
  const token = connectionToken(ctx.connectionParams);
  return { headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** `exp` of a token, unverified: only to schedule the close; the guard verifies the token itself. */
function expiresAt(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The graphql-ws close code for a connection whose token ran out. */
export const WS_CLOSE_TOKEN_EXPIRED = 4401;

/**
 * A connection must bring a token that has not expired; the socket closes when it does expire, so a
 * subscription never outlives the token that opened it. Every subscription then passes the same
 * guard as an HTTP request, and its document is bounded like one.
 */
function graphqlWsOptions(config: HubConfig) {
  return {
    onConnect: (ctx: WsContext) => {
      const token = connectionToken(ctx.connectionParams);
      const expiry = token ? expiresAt(token) : null;
      if (expiry === null || expiry <= Date.now()) return false;
      const socket = (ctx.extra as { socket?: ClosableSocket } | undefined)?.socket;
      if (socket) {
        const timer = setTimeout(() => socket.close(WS_CLOSE_TOKEN_EXPIRED, 'Token expired'), expiry - Date.now());
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
      }
      return true;
    },
    onSubscribe: (_ctx: WsContext, _id: string, payload: SubscribePayload) =>
      Buffer.byteLength(payload.query) > config.GRAPHQL_MAX_QUERY_BYTES
        ? [
            new GraphQLError(`Query is larger than ${config.GRAPHQL_MAX_QUERY_BYTES} bytes`, {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ]
        : undefined,
  };
}
