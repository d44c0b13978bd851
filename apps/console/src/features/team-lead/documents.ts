// The GraphQL documents of the team lead's area. `npm run console:codegen` types them (src/gql/).
import { graphql } from '../../gql';

export const WorkQueuesQuery = graphql(`
  query WorkQueues {
    workQueues {
      id
      name
      openCaseCount
      sectors
      creditorSpread
      crisis
      unassigned
      minimumAmountCents
      maximumAmountCents
      minimumDaysInArrears
      maximumDaysInArrears
      pc4s
    }
  }
`);

export const CreateWorkQueueMutation = graphql(`
  mutation CreateWorkQueue($input: WorkQueueInput!) {
    createWorkQueue(input: $input) {
      id
      name
      openCaseCount
    }
  }
`);

export const DeleteWorkQueueMutation = graphql(`
  mutation DeleteWorkQueue($id: ID!) {
    deleteWorkQueue(id: $id)
  }
`);

export const QueueCasesQuery = graphql(`
  query QueueCases($queue: ID!, $first: Int!, $after: String) {
    cases(queue: $queue, first: $first, after: $after, orderBy: URGENCY) {
      totalCount
      edges {
        cursor
        node {
          ...CaseRow
        }
      }
      pageInfo {
        ...NextPage
      }
    }
  }
`);

export const AssignCaseMutation = graphql(`
  mutation AssignCase($id: ID!, $worker: String) {
    assignCase(id: $id, worker: $worker) {
      id
      assignedTo
    }
  }
`);

export const MunicipalityKpisQuery = graphql(`
  query MunicipalityKpis($from: String!, $to: String!) {
    municipalityKpis(from: $from, to: $to) {
      municipality
      from
      to
      inhabitants
      signals
      signalsPerThousandInhabitants
      signalsBySector {
        sector
        count
        perThousandInhabitants
      }
      cases
      casesPickedUp
      casesContactAttempted
      casesReached
      casesClosed
      casesHelpAccepted
      sharePickedUp
      shareReached
      shareHelpAccepted
      medianDaysToFirstContactAttempt
      medianDaysToFirstReachedContact
      results {
        result
        count
      }
    }
  }
`);

export const DdasExportQuery = graphql(`
  query DdasExport($from: String!, $to: String!, $page: Int!) {
    ddasExport(from: $from, to: $to, page: $page) {
      page
      pages
      signals
      cases
      document
    }
  }
`);
