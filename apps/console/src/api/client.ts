import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

/** Types without an id of their own: stored inside their parent, not normalised. */
const EMBEDDED = [
  'CaseConnection',
  'CaseEdge',
  'PageInfo',
  'Household',
  'Urgency',
  'UrgencyFactor',
  'CaseTimelineConnection',
  'CaseTimelineEdge',
  'CaseEvent',
  'MunicipalityKpis',
  'SectorCount',
  'SignalStatusCount',
  'CaseResultCount',
  'DdasExportPage',
  'AuditEntryConnection',
  'AuditEntryEdge',
  'AuditVerification',
  'DataSharingReport',
  'DataSharingRow',
  'LabelCount',
  'FeedbackCount',
  'ProcessingActivity',
  'RetentionPolicy',
  'RetentionReport',
  'RetentionDueCount',
  'RetentionRunConnection',
  'RetentionRunEdge',
  'SubjectAccessReport',
  'SubjectAccessEvent',
  'SubjectCase',
  'SubjectContactAttempt',
  'SubjectNote',
  'SubjectSignal',
  'CreditorConnection',
  'CreditorEdge',
  'CreditorKey',
  'MunicipalityPolicy',
  'Experiment',
  'UnroutedSignalConnection',
  'UnroutedSignalEdge',
  'RoutedSignal',
] as const;

/**
 * One client per signed-in session: its cache of personal data goes when the session goes. Queries
 * go over HTTP with the bearer token, the live updates over graphql-ws with the token in
 * connectionParams.
 */
export function createApiClient(token: string): { client: Client; dispose(): void } {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: 5,
  });
  const caseChanged = (caseId: unknown, cache: { invalidate(entity: { __typename: string; id: string }): void }) => {
    // The timeline, notes and contact attempts of the case changed too: read them afresh.
    if (typeof caseId === 'string') cache.invalidate({ __typename: 'Case', id: caseId });
  };
  const client = new Client({
    url: '/graphql',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    requestPolicy: 'cache-and-network',
    // POST only: the hub's CSRF protection refuses simple GET requests, and a URL would put
    // variables (addresses, names) into proxy logs.
    preferGetMethod: false,
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED.map((type) => [type, () => null])),
        resolvers: {
          Query: {
            cases: relayPagination(),
            auditLog: relayPagination(),
            creditors: relayPagination(),
            unroutedSignals: relayPagination(),
          },
        },
        updates: {
          Mutation: {
            addCaseNote: (_result, args, cache) => caseChanged(args.caseId, cache),
            recordContactAttempt: (_result, args, cache) => caseChanged(args.caseId, cache),
            pickUpCase: (_result, args, cache) => caseChanged(args.id, cache),
            closeCase: (_result, args, cache) => caseChanged(args.id, cache),
            transferCase: (_result, args, cache) => caseChanged(args.caseId, cache),
          },
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
