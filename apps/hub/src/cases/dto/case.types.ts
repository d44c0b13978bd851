import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CaseResult } from '@signaalhub/domain';
import { CaseResultValue, SectorValue } from '../../graphql/enums.js';
import { PageInfoType } from '../../graphql/page-info.js';
import { PersonalData } from '../../privacy/personal-data.js';
import type { CaseFilter } from '../case.repository.js';

export enum CaseStatusValue {
  NEW = 'NEW',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
  /** Closed here as "geen inwoner (meer)"; its signals went to the municipality the person lives in. */
  TRANSFERRED = 'TRANSFERRED',
}
registerEnumType(CaseStatusValue, { name: 'CaseStatus' });

export enum CreditorSpread {
  SINGLE = 'SINGLE',
  MULTI = 'MULTI',
}
registerEnumType(CreditorSpread, {
  name: 'CreditorSpread',
  description: 'Enkelvoudig (one creditor) or meervoudig (several creditors) case',
});

@ObjectType('Household', { description: 'The address a case is about (one household)' })
export class HouseholdType {
  /** Not exposed: names the household in the audit of its address. */
  id!: string;
  @Field() @PersonalData() postcode!: string;
  @Field(() => Int) @PersonalData() houseNumber!: number;
  @Field(() => String, { nullable: true }) @PersonalData() houseLetter!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() houseNumberAddition!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() street!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() place!: string | null;
}

@ObjectType('Signal', { description: 'A vroegsignaal as received from a creditor' })
export class SignalType {
  @Field(() => ID) id!: string;
  @Field() creditorId!: string;
  @Field() creditorSignalRef!: string;
  @Field() kind!: string;
  @Field(() => SectorValue) sector!: SectorValue;
  @Field({ description: 'Signaaldatum, YYYY-MM-DD' }) signalDate!: string;
  @Field({ description: 'Signaalstatus' }) status!: string;
  @Field({ description: 'Amount in arrears in euro cents, as a decimal string (64-bit)' }) amountCents!: string;
  @Field({ description: 'Ontstaansdatum, YYYY-MM-DD' }) arrearsSince!: string;
  @Field(() => String, { nullable: true }) @PersonalData() initials!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() firstNames!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() surnamePrefix!: string | null;
  @Field() @PersonalData() surname!: string;
  @Field(() => String, { nullable: true }) @PersonalData() birthDate!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() phone!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() email!: string | null;
  @Field(() => String, { nullable: true }) @PersonalData() customerNumber!: string | null;
  @Field() crisis!: boolean;
  @Field() warmHandover!: boolean;
  @Field() receivedAt!: Date;
}

@ObjectType('Case', { description: 'A vroegsignaalzaak: the signals of one household, worked as one case' })
export class CaseType {
  @Field(() => ID) id!: string;
  @Field({ description: 'GM code' }) municipality!: string;
  @Field(() => CaseStatusValue) status!: CaseStatusValue;
  @Field(() => CreditorSpread) creditorSpread!: CreditorSpread;
  @Field(() => Int) creditorCount!: number;
  @Field(() => Int) signalCount!: number;
  @Field({ description: 'Sum of the latest amount of each creditor case, in euro cents (decimal string)' })
  totalAmountCents!: string;
  @Field(() => [SectorValue]) sectors!: SectorValue[];
  @Field(() => String, { nullable: true }) firstSignalDate!: string | null;
  @Field(() => String, { nullable: true }) lastSignalDate!: string | null;
  @Field() openedAt!: Date;
  @Field(() => Date, { nullable: true }) pickedUpAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => CaseResultValue, { nullable: true }) result!: CaseResult | null;
  /** Resolved per request through a DataLoader; not a column of this type. */
  householdId!: string;
  /** Stored urgency (version null: not computed yet); exposed by the urgency resolver. */
  urgency!: { score: number; version: string | null; factors: Array<{ name: string; value: number; points: number }> };
  /** The household's case before this one (consecutive signals); exposed by the urgency resolver. */
  predecessorId!: string | null;
  /** The worker (`sub`) the case is assigned to; exposed by the work-queues resolver. */
  assignedTo!: string | null;
}

@ObjectType('CaseEdge')
export class CaseEdgeType {
  @Field() cursor!: string;
  @Field(() => CaseType) node!: CaseType;
}

@ObjectType('CaseConnection')
export class CaseConnectionType {
  @Field(() => [CaseEdgeType]) edges!: CaseEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  /** Counted by its field resolver only when the query selects it: an exact count scans every match. */
  @Field(() => Int, { description: 'Cases matching the filter in your municipality' }) totalCount?: number;
  /** What `totalCount` counts: the municipality and filter of this list; not a field of the type. */
  scope!: { municipality: string; filter: CaseFilter };
}
