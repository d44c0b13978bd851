/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Cases($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder!) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          status\n          sectors\n          creditorCount\n          creditorSpread\n          totalAmountCents\n          lastSignalDate\n          assignedTo\n          urgency {\n            score\n          }\n          household {\n            street\n            houseNumber\n            houseLetter\n            houseNumberAddition\n            postcode\n            place\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.CasesDocument,
    "\n  query Case($id: ID!) {\n    case(id: $id) {\n      id\n      municipality\n      status\n      result\n      openedAt\n      pickedUpAt\n      closedAt\n      assignedTo\n      totalAmountCents\n      creditorCount\n      sectors\n      predecessor {\n        id\n      }\n      household {\n        street\n        houseNumber\n        houseLetter\n        houseNumberAddition\n        postcode\n        place\n      }\n      urgency {\n        score\n        version\n        factors {\n          name\n          value\n          points\n        }\n      }\n      signals {\n        id\n        creditorId\n        sector\n        kind\n        status\n        amountCents\n        arrearsSince\n        signalDate\n        initials\n        firstNames\n        surnamePrefix\n        surname\n        birthDate\n        phone\n        email\n        crisis\n        warmHandover\n      }\n      contactAttempts(first: 50) {\n        id\n        kind\n        reached\n        date\n        dayPart\n        recordedBy\n      }\n      notes(first: 50) {\n        id\n        author\n        createdAt\n        text\n      }\n      timeline(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            actor\n            contactKind\n            reached\n            dayPart\n            result\n            fromMunicipality\n            toMunicipality\n          }\n        }\n      }\n    }\n  }\n": typeof types.CaseDocument,
    "\n  subscription CaseEvents {\n    caseEvents {\n      caseId\n      kind\n      occurredAt\n    }\n  }\n": typeof types.CaseEventsDocument,
    "\n  mutation PickUpCase($id: ID!) {\n    pickUpCase(id: $id) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n": typeof types.PickUpCaseDocument,
    "\n  mutation RecordContactAttempt($caseId: ID!, $input: ContactAttemptInput!) {\n    recordContactAttempt(caseId: $caseId, input: $input) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n": typeof types.RecordContactAttemptDocument,
    "\n  mutation AddCaseNote($caseId: ID!, $text: String!) {\n    addCaseNote(caseId: $caseId, text: $text) {\n      id\n      createdAt\n    }\n  }\n": typeof types.AddCaseNoteDocument,
    "\n  mutation CloseCase($id: ID!, $result: CaseResult!) {\n    closeCase(id: $id, result: $result) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n": typeof types.CloseCaseDocument,
    "\n  mutation TransferCase($caseId: ID!, $toMunicipality: String!, $reason: String) {\n    transferCase(caseId: $caseId, toMunicipality: $toMunicipality, reason: $reason) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n": typeof types.TransferCaseDocument,
};
const documents: Documents = {
    "\n  query Cases($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder!) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          status\n          sectors\n          creditorCount\n          creditorSpread\n          totalAmountCents\n          lastSignalDate\n          assignedTo\n          urgency {\n            score\n          }\n          household {\n            street\n            houseNumber\n            houseLetter\n            houseNumberAddition\n            postcode\n            place\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.CasesDocument,
    "\n  query Case($id: ID!) {\n    case(id: $id) {\n      id\n      municipality\n      status\n      result\n      openedAt\n      pickedUpAt\n      closedAt\n      assignedTo\n      totalAmountCents\n      creditorCount\n      sectors\n      predecessor {\n        id\n      }\n      household {\n        street\n        houseNumber\n        houseLetter\n        houseNumberAddition\n        postcode\n        place\n      }\n      urgency {\n        score\n        version\n        factors {\n          name\n          value\n          points\n        }\n      }\n      signals {\n        id\n        creditorId\n        sector\n        kind\n        status\n        amountCents\n        arrearsSince\n        signalDate\n        initials\n        firstNames\n        surnamePrefix\n        surname\n        birthDate\n        phone\n        email\n        crisis\n        warmHandover\n      }\n      contactAttempts(first: 50) {\n        id\n        kind\n        reached\n        date\n        dayPart\n        recordedBy\n      }\n      notes(first: 50) {\n        id\n        author\n        createdAt\n        text\n      }\n      timeline(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            actor\n            contactKind\n            reached\n            dayPart\n            result\n            fromMunicipality\n            toMunicipality\n          }\n        }\n      }\n    }\n  }\n": types.CaseDocument,
    "\n  subscription CaseEvents {\n    caseEvents {\n      caseId\n      kind\n      occurredAt\n    }\n  }\n": types.CaseEventsDocument,
    "\n  mutation PickUpCase($id: ID!) {\n    pickUpCase(id: $id) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n": types.PickUpCaseDocument,
    "\n  mutation RecordContactAttempt($caseId: ID!, $input: ContactAttemptInput!) {\n    recordContactAttempt(caseId: $caseId, input: $input) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n": types.RecordContactAttemptDocument,
    "\n  mutation AddCaseNote($caseId: ID!, $text: String!) {\n    addCaseNote(caseId: $caseId, text: $text) {\n      id\n      createdAt\n    }\n  }\n": types.AddCaseNoteDocument,
    "\n  mutation CloseCase($id: ID!, $result: CaseResult!) {\n    closeCase(id: $id, result: $result) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n": types.CloseCaseDocument,
    "\n  mutation TransferCase($caseId: ID!, $toMunicipality: String!, $reason: String) {\n    transferCase(caseId: $caseId, toMunicipality: $toMunicipality, reason: $reason) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n": types.TransferCaseDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cases($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder!) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          status\n          sectors\n          creditorCount\n          creditorSpread\n          totalAmountCents\n          lastSignalDate\n          assignedTo\n          urgency {\n            score\n          }\n          household {\n            street\n            houseNumber\n            houseLetter\n            houseNumberAddition\n            postcode\n            place\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Cases($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder!) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          status\n          sectors\n          creditorCount\n          creditorSpread\n          totalAmountCents\n          lastSignalDate\n          assignedTo\n          urgency {\n            score\n          }\n          household {\n            street\n            houseNumber\n            houseLetter\n            houseNumberAddition\n            postcode\n            place\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Case($id: ID!) {\n    case(id: $id) {\n      id\n      municipality\n      status\n      result\n      openedAt\n      pickedUpAt\n      closedAt\n      assignedTo\n      totalAmountCents\n      creditorCount\n      sectors\n      predecessor {\n        id\n      }\n      household {\n        street\n        houseNumber\n        houseLetter\n        houseNumberAddition\n        postcode\n        place\n      }\n      urgency {\n        score\n        version\n        factors {\n          name\n          value\n          points\n        }\n      }\n      signals {\n        id\n        creditorId\n        sector\n        kind\n        status\n        amountCents\n        arrearsSince\n        signalDate\n        initials\n        firstNames\n        surnamePrefix\n        surname\n        birthDate\n        phone\n        email\n        crisis\n        warmHandover\n      }\n      contactAttempts(first: 50) {\n        id\n        kind\n        reached\n        date\n        dayPart\n        recordedBy\n      }\n      notes(first: 50) {\n        id\n        author\n        createdAt\n        text\n      }\n      timeline(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            actor\n            contactKind\n            reached\n            dayPart\n            result\n            fromMunicipality\n            toMunicipality\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Case($id: ID!) {\n    case(id: $id) {\n      id\n      municipality\n      status\n      result\n      openedAt\n      pickedUpAt\n      closedAt\n      assignedTo\n      totalAmountCents\n      creditorCount\n      sectors\n      predecessor {\n        id\n      }\n      household {\n        street\n        houseNumber\n        houseLetter\n        houseNumberAddition\n        postcode\n        place\n      }\n      urgency {\n        score\n        version\n        factors {\n          name\n          value\n          points\n        }\n      }\n      signals {\n        id\n        creditorId\n        sector\n        kind\n        status\n        amountCents\n        arrearsSince\n        signalDate\n        initials\n        firstNames\n        surnamePrefix\n        surname\n        birthDate\n        phone\n        email\n        crisis\n        warmHandover\n      }\n      contactAttempts(first: 50) {\n        id\n        kind\n        reached\n        date\n        dayPart\n        recordedBy\n      }\n      notes(first: 50) {\n        id\n        author\n        createdAt\n        text\n      }\n      timeline(first: 100) {\n        edges {\n          node {\n            id\n            kind\n            occurredAt\n            actor\n            contactKind\n            reached\n            dayPart\n            result\n            fromMunicipality\n            toMunicipality\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseEvents {\n    caseEvents {\n      caseId\n      kind\n      occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription CaseEvents {\n    caseEvents {\n      caseId\n      kind\n      occurredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickUpCase($id: ID!) {\n    pickUpCase(id: $id) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n"): (typeof documents)["\n  mutation PickUpCase($id: ID!) {\n    pickUpCase(id: $id) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordContactAttempt($caseId: ID!, $input: ContactAttemptInput!) {\n    recordContactAttempt(caseId: $caseId, input: $input) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n"): (typeof documents)["\n  mutation RecordContactAttempt($caseId: ID!, $input: ContactAttemptInput!) {\n    recordContactAttempt(caseId: $caseId, input: $input) {\n      id\n      status\n      pickedUpAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseNote($caseId: ID!, $text: String!) {\n    addCaseNote(caseId: $caseId, text: $text) {\n      id\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation AddCaseNote($caseId: ID!, $text: String!) {\n    addCaseNote(caseId: $caseId, text: $text) {\n      id\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseCase($id: ID!, $result: CaseResult!) {\n    closeCase(id: $id, result: $result) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n"): (typeof documents)["\n  mutation CloseCase($id: ID!, $result: CaseResult!) {\n    closeCase(id: $id, result: $result) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferCase($caseId: ID!, $toMunicipality: String!, $reason: String) {\n    transferCase(caseId: $caseId, toMunicipality: $toMunicipality, reason: $reason) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n"): (typeof documents)["\n  mutation TransferCase($caseId: ID!, $toMunicipality: String!, $reason: String) {\n    transferCase(caseId: $caseId, toMunicipality: $toMunicipality, reason: $reason) {\n      id\n      status\n      result\n      closedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;