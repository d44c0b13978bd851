// The GraphQL documents of the privacy officer's area. `npm run console:codegen` types them (src/gql/).
import { graphql } from '../../gql';

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $filter: AuditLogFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          sequence
          occurredAt
          actor
          actorRole
          action
          activity
          subjectType
          subjectId
          detail
        }
      }
      pageInfo {
        ...NextPage
      }
    }
  }
`);

export const VerifyAuditLogQuery = graphql(`
  query VerifyAuditLog($municipality: String!, $from: DateTime, $to: DateTime) {
    verifyAuditLog(municipality: $municipality, from: $from, to: $to) {
      municipality
      ok
      entries
      reason
      firstBrokenSequence
      firstBrokenEntryId
    }
  }
`);

export const DataSharingReportQuery = graphql(`
  query DataSharingReport($from: String!, $to: String!, $groupBy: DataSharingGroupBy!) {
    dataSharingReport(from: $from, to: $to, groupBy: $groupBy) {
      from
      to
      scope
      municipality
      groupBy
      rows {
        key
        received
        stored
        accepted
        refused
        refusedByReason {
          label
          count
        }
        droppedFields {
          label
          count
        }
      }
      totals {
        received
        stored
        accepted
        refused
        feedbackByKind {
          status
          reasonCode
          count
        }
      }
      register {
        code
        name
        purpose
        legalBasis
        retention
        currentRecipients
      }
    }
  }
`);

export const RetentionReportQuery = graphql(`
  query RetentionReport($first: Int!) {
    retentionReport(first: $first) {
      today
      scope
      municipality
      overdue
      policy {
        closedCaseMonths
        unpickedSignalMonths
        isDefault
      }
      due {
        kind
        dueOn
        count
      }
      runs {
        edges {
          node {
            id
            startedAt
            finishedAt
            actor
            casesPurged
            signalsPurged
            notesDeleted
            householdsPurged
          }
        }
      }
    }
  }
`);

export const SubjectAccessQuery = graphql(`
  query SubjectAccess($person: DataSubjectInput!) {
    subjectAccess(person: $person) {
      municipality
      generatedAt
      objectionRecorded
      signals {
        id
        creditorId
        sector
        kind
        status
        signalDate
        arrearsSince
        amountCents
        initials
        firstNames
        surnamePrefix
        surname
        birthDate
        street
        houseNumber
        houseLetter
        houseNumberAddition
        postcode
        place
        phone
        email
        customerNumber
        caseId
      }
      cases {
        id
        status
        result
        openedAt
        closedAt
      }
      contactAttempts {
        id
        caseId
        kind
        reached
        date
        dayPart
      }
      notes {
        id
        caseId
        author
        createdAt
        text
      }
      accesses {
        id
        occurredAt
        actor
        actorRole
        action
        subjectType
      }
      accessesTruncated
    }
  }
`);
