// The three requests measured, as a worker's screen would ask them, with their p95 targets (issue 8).
import { LARGE_MUNICIPALITY } from './seed.js';

export interface Query {
  key: 'cases' | 'case' | 'kpis';
  label: string;
  targetP95Ms: number;
  /** The request body of the i-th request (case ids rotate over a sample). */
  body: (i: number) => string;
}

const CASES = `query { cases(first: 50, orderBy: URGENCY, filter: { status: NEW }) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id status creditorCount totalAmountCents sectors lastSignalDate urgency { score }
    household { postcode houseNumber } signals { id sector amountCents signalDate } } } } }`;

const CASE = `query Case($id: ID!) { case(id: $id) {
  id status creditorCount signalCount totalAmountCents sectors firstSignalDate lastSignalDate
  urgency { score version factors { name value points } }
  household { postcode houseNumber houseLetter street place }
  signals { id creditorId creditorSignalRef kind sector status signalDate amountCents arrearsSince surname } } }`;

/** A year of the large municipality; the generated signal dates span mid-2024 to late 2026. */
export const KPI_YEAR = { from: '2025-01-01', to: '2025-12-31' };
const KPIS = `query { municipalityKpis(from: "${KPI_YEAR.from}", to: "${KPI_YEAR.to}") {
  municipality signals signalsPerThousandInhabitants signalsBySector { sector count } signalsByStatus { status count }
  cases casesPickedUp sharePickedUp casesReached shareReached medianDaysToFirstContactAttempt
  medianDaysToFirstReachedContact casesClosed results { result count } casesHelpAccepted shareHelpAccepted } }`;

export function queries(caseIds: string[]): Query[] {
  const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
  const casesBody = json(CASES);
  const kpisBody = json(KPIS);
  return [
    {
      key: 'cases',
      label: `cases(first: 50, orderBy: URGENCY, filter: {status: NEW}) with signals (${LARGE_MUNICIPALITY})`,
      targetP95Ms: 20,
      body: () => casesBody,
    },
    {
      key: 'case',
      label: 'case(id) with household and signals',
      targetP95Ms: 10,
      body: (i) => json(CASE, { id: caseIds[i % caseIds.length] }),
    },
    {
      key: 'kpis',
      label: `municipalityKpis(${KPI_YEAR.from} … ${KPI_YEAR.to}) of ${LARGE_MUNICIPALITY}`,
      targetP95Ms: 1000,
      body: () => kpisBody,
    },
  ];
}
