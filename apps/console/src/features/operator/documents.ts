// The GraphQL documents of the operator's area. `npm run console:codegen` types them (src/gql/).
import { graphql } from '../../gql';

export const CreditorsQuery = graphql(`
  query Creditors($first: Int!, $after: String) {
    creditors(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          kvkNumber
          sectors
          createdAt
          keys {
            keyId
            createdAt
            revokedAt
          }
          agreements {
            id
            municipality
            sector
            validFrom
            validTo
          }
        }
      }
      pageInfo {
        ...NextPage
      }
    }
  }
`);

export const RegisterCreditorMutation = graphql(`
  mutation RegisterCreditor($input: RegisterCreditorInput!) {
    registerCreditor(input: $input) {
      id
      name
    }
  }
`);

export const AddCreditorKeyMutation = graphql(`
  mutation AddCreditorKey($creditorId: String!, $keyId: String!, $publicKeyPem: String!) {
    addCreditorKey(creditorId: $creditorId, keyId: $keyId, publicKeyPem: $publicKeyPem) {
      id
      keys {
        keyId
        createdAt
        revokedAt
      }
    }
  }
`);

export const RevokeCreditorKeyMutation = graphql(`
  mutation RevokeCreditorKey($creditorId: String!, $keyId: String!) {
    revokeCreditorKey(creditorId: $creditorId, keyId: $keyId) {
      id
      keys {
        keyId
        createdAt
        revokedAt
      }
    }
  }
`);

export const SetAgreementMutation = graphql(`
  mutation SetAgreement($input: SetAgreementInput!) {
    setAgreement(input: $input) {
      id
      creditorId
      municipality
      sector
      validFrom
      validTo
    }
  }
`);

export const SetMunicipalityPolicyMutation = graphql(`
  mutation SetMunicipalityPolicy($input: SetMunicipalityPolicyInput!) {
    setMunicipalityPolicy(input: $input) {
      municipality
      minimumAmountCents
      matchingPeriodDays
      updatedAt
      experiments {
        sector
        minAmountCents
        minDays
      }
    }
  }
`);

export const UnroutedSignalsQuery = graphql(`
  query UnroutedSignals($first: Int!, $after: String) {
    unroutedSignals(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          creditorId
          creditorSignalRef
          sector
          signalDate
          receivedAt
          postcode
          place
          reason
        }
      }
      pageInfo {
        ...NextPage
      }
    }
  }
`);

export const RouteSignalMutation = graphql(`
  mutation RouteSignal($signalId: ID!, $municipality: String!, $overrideReason: String) {
    routeSignal(signalId: $signalId, municipality: $municipality, overrideReason: $overrideReason) {
      signalId
      municipality
      caseId
      decision
      decisionReason
    }
  }
`);
