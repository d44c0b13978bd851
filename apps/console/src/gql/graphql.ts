/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What happened to a case */
export type CaseEventKind =
  | 'CLOSED'
  | 'CONTACT_ATTEMPT_RECORDED'
  | 'NOTE_ADDED'
  | 'PICKED_UP'
  | 'SIGNAL_ADDED'
  | 'TRANSFERRED_IN'
  | 'TRANSFERRED_OUT';

export type CaseFilter = {
  /** My cases: only those assigned to you */
  assignedToMe?: boolean | null | undefined;
  creditorSpread?: CreditorSpread | null | undefined;
  /** Only cases whose total amount is at least this many cents */
  minimumAmountCents?: number | null | undefined;
  /** Cases with at least one signal of this sector */
  sector?: Sector | null | undefined;
  status?: CaseStatus | null | undefined;
};

export type CaseOrder =
  /** Newest signal first */
  | 'NEWEST'
  /** Highest urgency score first */
  | 'URGENCY';

/** Eindresultaat of a closed case (DDAS v1.2 EnumEindresultaat) */
export type CaseResult =
  /** (Budget)advies en/of quick fix */
  | 'ADVICE_OR_QUICK_FIX'
  /** Inwoner al bekend bij schuldhulpverlening */
  | 'ALREADY_KNOWN'
  /** Inwoner is overleden */
  | 'DECEASED'
  /** Vervolghulp en/of verwijzing */
  | 'FOLLOW_UP_HELP'
  /** Vervolghulp en/of verwijzing financieel */
  | 'FOLLOW_UP_HELP_FINANCIAL'
  /** Vervolghulp en/of verwijzing niet financieel */
  | 'FOLLOW_UP_HELP_NON_FINANCIAL'
  /** Persoon is geen inwoner (meer) in de gemeente */
  | 'NOT_A_RESIDENT'
  /** Niet opgepakt: andere reden */
  | 'NOT_PICKED_UP_OTHER'
  /** Niet opgepakt: herhaalde melding */
  | 'NOT_PICKED_UP_REPEAT'
  /** Niet opgepakt: onterecht signaal */
  | 'NOT_PICKED_UP_UNFOUNDED'
  /** Definitief geen contact kunnen krijgen */
  | 'NO_CONTACT'
  /** Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering */
  | 'NO_HELP_WANTED'
  /** Geen reactie na eerder contact */
  | 'NO_RESPONSE_AFTER_CONTACT'
  /** Inwoner heeft al een ander lopend traject */
  | 'OTHER_TRAJECTORY'
  /** Inwoner heeft zelf al betaald/betalingsregeling getroffen */
  | 'PAID_OR_ARRANGEMENT'
  /** Verwijzing zonder tussenkomst inwoner */
  | 'REFERRAL_WITHOUT_RESIDENT';

export type CaseStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'NEW'
  | 'TRANSFERRED';

/** Give `at` (the moment: the dagdeel follows on the Dutch clock) or `date` (with an optional dayPart) */
export type ContactAttemptInput = {
  at?: string | null | undefined;
  /** YYYY-MM-DD, Dutch calendar day */
  date?: string | null | undefined;
  dayPart?: DayPart | null | undefined;
  kind: ContactKind;
  reached: boolean;
};

/** Soort contactpoging (DDAS v1.2 EnumContactsoort) */
export type ContactKind =
  /** Administratief */
  | 'ADMINISTRATIVE'
  /** Afspraak op locatie */
  | 'APPOINTMENT_ON_LOCATION'
  /** Kaartje */
  | 'CARD'
  /** Mail */
  | 'EMAIL'
  /** Huisbezoek */
  | 'HOME_VISIT'
  /** Brief */
  | 'LETTER'
  /** Overige */
  | 'OTHER'
  /** Telefoon */
  | 'PHONE'
  /** SMS/Whatsapp */
  | 'SMS_WHATSAPP'
  /** Onbekend */
  | 'UNKNOWN';

/** Enkelvoudig (one creditor) or meervoudig (several creditors) case */
export type CreditorSpread =
  | 'MULTI'
  | 'SINGLE';

/** Dagdeel of a contact attempt (DDAS v1.2 EnumDagdeel): before 12:00, 12:00–18:00, from 18:00 */
export type DayPart =
  /** Middag */
  | 'AFTERNOON'
  /** Avond */
  | 'EVENING'
  /** Ochtend */
  | 'MORNING';

/** Signaalpartner type (DDAS EnumSignaalpartner) */
export type Sector =
  | 'BELASTINGDIENST'
  | 'CAK_EIGEN_BIJDRAGE'
  | 'CAK_ZORGVERZEKERINGEN'
  | 'DIENST_TOESLAGEN'
  | 'DUO'
  | 'ENERGIE'
  | 'HUUR'
  | 'HYPOTHEEK'
  | 'OVERIGE'
  | 'WATER'
  | 'ZORG';

export type CasesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: CaseFilter | null | undefined;
  orderBy: CaseOrder;
}>;


export type CasesQuery = { cases: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, status: CaseStatus, sectors: Array<Sector>, creditorCount: number, creditorSpread: CreditorSpread, totalAmountCents: string, lastSignalDate: string | null, assignedTo: string | null, urgency: { score: number } | null, household: { street: string | null, houseNumber: number, houseLetter: string | null, houseNumberAddition: string | null, postcode: string, place: string | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type CaseQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseQuery = { case: { id: string, municipality: string, status: CaseStatus, result: CaseResult | null, openedAt: string, pickedUpAt: string | null, closedAt: string | null, assignedTo: string | null, totalAmountCents: string, creditorCount: number, sectors: Array<Sector>, predecessor: { id: string } | null, household: { street: string | null, houseNumber: number, houseLetter: string | null, houseNumberAddition: string | null, postcode: string, place: string | null }, urgency: { score: number, version: string, factors: Array<{ name: string, value: number, points: number }> } | null, signals: Array<{ id: string, creditorId: string, sector: Sector, kind: string, status: string, amountCents: string, arrearsSince: string, signalDate: string, initials: string | null, firstNames: string | null, surnamePrefix: string | null, surname: string, birthDate: string | null, phone: string | null, email: string | null, crisis: boolean, warmHandover: boolean }>, contactAttempts: Array<{ id: string, kind: ContactKind, reached: boolean, date: string, dayPart: DayPart | null, recordedBy: string }>, notes: Array<{ id: string, author: string, createdAt: string, text: string }>, timeline: { edges: Array<{ node: { id: string, kind: CaseEventKind, occurredAt: string, actor: string | null, contactKind: ContactKind | null, reached: boolean | null, dayPart: DayPart | null, result: CaseResult | null, fromMunicipality: string | null, toMunicipality: string | null } }> } } };

export type CaseEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CaseEventsSubscription = { caseEvents: { caseId: string, kind: string, occurredAt: string } };

export type PickUpCaseMutationVariables = Exact<{
  id: string | number;
}>;


export type PickUpCaseMutation = { pickUpCase: { id: string, status: CaseStatus, pickedUpAt: string | null } };

export type RecordContactAttemptMutationVariables = Exact<{
  caseId: string | number;
  input: ContactAttemptInput;
}>;


export type RecordContactAttemptMutation = { recordContactAttempt: { id: string, status: CaseStatus, pickedUpAt: string | null } };

export type AddCaseNoteMutationVariables = Exact<{
  caseId: string | number;
  text: string;
}>;


export type AddCaseNoteMutation = { addCaseNote: { id: string, createdAt: string } };

export type CloseCaseMutationVariables = Exact<{
  id: string | number;
  result: CaseResult;
}>;


export type CloseCaseMutation = { closeCase: { id: string, status: CaseStatus, result: CaseResult | null, closedAt: string | null } };

export type TransferCaseMutationVariables = Exact<{
  caseId: string | number;
  toMunicipality: string;
  reason?: string | null | undefined;
}>;


export type TransferCaseMutation = { transferCase: { id: string, status: CaseStatus, result: CaseResult | null, closedAt: string | null } };


export const CasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseOrder"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"}},{"kind":"Field","name":{"kind":"Name","value":"creditorCount"}},{"kind":"Field","name":{"kind":"Name","value":"creditorSpread"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignalDate"}},{"kind":"Field","name":{"kind":"Name","value":"assignedTo"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}}]}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"houseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"houseLetter"}},{"kind":"Field","name":{"kind":"Name","value":"houseNumberAddition"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}},{"kind":"Field","name":{"kind":"Name","value":"place"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]} as unknown as DocumentNode<CasesQuery, CasesQueryVariables>;
export const CaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Case"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"municipality"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pickedUpAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignedTo"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"creditorCount"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"}},{"kind":"Field","name":{"kind":"Name","value":"predecessor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"houseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"houseLetter"}},{"kind":"Field","name":{"kind":"Name","value":"houseNumberAddition"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}},{"kind":"Field","name":{"kind":"Name","value":"place"}}]}},{"kind":"Field","name":{"kind":"Name","value":"urgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"signals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"creditorId"}},{"kind":"Field","name":{"kind":"Name","value":"sector"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"arrearsSince"}},{"kind":"Field","name":{"kind":"Name","value":"signalDate"}},{"kind":"Field","name":{"kind":"Name","value":"initials"}},{"kind":"Field","name":{"kind":"Name","value":"firstNames"}},{"kind":"Field","name":{"kind":"Name","value":"surnamePrefix"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"crisis"}},{"kind":"Field","name":{"kind":"Name","value":"warmHandover"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contactAttempts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reached"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"dayPart"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"contactKind"}},{"kind":"Field","name":{"kind":"Name","value":"reached"}},{"kind":"Field","name":{"kind":"Name","value":"dayPart"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"fromMunicipality"}},{"kind":"Field","name":{"kind":"Name","value":"toMunicipality"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CaseQuery, CaseQueryVariables>;
export const CaseEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CaseEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]} as unknown as DocumentNode<CaseEventsSubscription, CaseEventsSubscriptionVariables>;
export const PickUpCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PickUpCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pickUpCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pickedUpAt"}}]}}]}}]} as unknown as DocumentNode<PickUpCaseMutation, PickUpCaseMutationVariables>;
export const RecordContactAttemptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordContactAttempt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ContactAttemptInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordContactAttempt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pickedUpAt"}}]}}]}}]} as unknown as DocumentNode<RecordContactAttemptMutation, RecordContactAttemptMutationVariables>;
export const AddCaseNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddCaseNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCaseNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<AddCaseNoteMutation, AddCaseNoteMutationVariables>;
export const CloseCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"result"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseResult"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"result"},"value":{"kind":"Variable","name":{"kind":"Name","value":"result"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}}]} as unknown as DocumentNode<CloseCaseMutation, CloseCaseMutationVariables>;
export const TransferCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toMunicipality"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"toMunicipality"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toMunicipality"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}}]} as unknown as DocumentNode<TransferCaseMutation, TransferCaseMutationVariables>;