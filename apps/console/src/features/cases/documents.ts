// The GraphQL documents of the cases area. `npm run console:codegen` types them (src/gql/).
import { graphql } from '../../gql';

export const CasesQuery = graphql(`
  query Cases($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder!) {
    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...CaseRow
          creditorSpread
          lastSignalDate
        }
      }
      pageInfo {
        ...NextPage
      }
    }
  }
`);

export const CaseQuery = graphql(`
  query Case($id: ID!) {
    case(id: $id) {
      id
      municipality
      status
      result
      openedAt
      pickedUpAt
      closedAt
      assignedTo
      totalAmountCents
      creditorCount
      sectors
      predecessor {
        id
      }
      household {
        ...HouseholdAddress
      }
      urgency {
        score
        version
        factors {
          name
          value
          points
        }
      }
      signals {
        id
        creditorId
        sector
        kind
        status
        amountCents
        arrearsSince
        signalDate
        initials
        firstNames
        surnamePrefix
        surname
        birthDate
        phone
        email
        crisis
        warmHandover
      }
      contactAttempts(first: 50) {
        id
        kind
        reached
        date
        dayPart
        recordedBy
      }
      notes(first: 50) {
        id
        author
        createdAt
        text
      }
      timeline(first: 100) {
        edges {
          node {
            id
            kind
            occurredAt
            actor
            contactKind
            reached
            dayPart
            result
            fromMunicipality
            toMunicipality
          }
        }
      }
    }
  }
`);

export const CaseEventsSubscription = graphql(`
  subscription CaseEvents {
    caseEvents {
      caseId
      kind
      occurredAt
    }
  }
`);

export const PickUpCaseMutation = graphql(`
  mutation PickUpCase($id: ID!) {
    pickUpCase(id: $id) {
      id
      status
      pickedUpAt
    }
  }
`);

export const RecordContactAttemptMutation = graphql(`
  mutation RecordContactAttempt($caseId: ID!, $input: ContactAttemptInput!) {
    recordContactAttempt(caseId: $caseId, input: $input) {
      id
      status
      pickedUpAt
    }
  }
`);

export const AddCaseNoteMutation = graphql(`
  mutation AddCaseNote($caseId: ID!, $text: String!) {
    addCaseNote(caseId: $caseId, text: $text) {
      id
      createdAt
    }
  }
`);

export const CloseCaseMutation = graphql(`
  mutation CloseCase($id: ID!, $result: CaseResult!) {
    closeCase(id: $id, result: $result) {
      id
      status
      result
      closedAt
    }
  }
`);

export const TransferCaseMutation = graphql(`
  mutation TransferCase($caseId: ID!, $toMunicipality: String!, $reason: String) {
    transferCase(caseId: $caseId, toMunicipality: $toMunicipality, reason: $reason) {
      id
      status
      result
      closedAt
    }
  }
`);
