import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export enum DataSharingGroupByValue {
  CREDITOR = 'CREDITOR',
  SECTOR = 'SECTOR',
  MONTH = 'MONTH',
}
registerEnumType(DataSharingGroupByValue, {
  name: 'DataSharingGroupBy',
  valuesMap: {
    CREDITOR: { description: 'Per creditor (null: messages that proved no creditor)' },
    SECTOR: { description: 'Per sector (null: messages refused before their sector was read)' },
    MONTH: { description: 'Per calendar month, YYYY-MM' },
  },
});

export enum ReportScopeValue {
  MUNICIPALITY = 'MUNICIPALITY',
  HUB = 'HUB',
}
registerEnumType(ReportScopeValue, {
  name: 'ReportScope',
  valuesMap: {
    MUNICIPALITY: { description: 'The privacy officer’s own municipality' },
    HUB: { description: 'The whole hub (an operator): aggregates over every municipality' },
  },
});

export enum RetentionKindValue {
  NEVER_PICKED_UP = 'NEVER_PICKED_UP',
  CLOSED_CASE = 'CLOSED_CASE',
}
registerEnumType(RetentionKindValue, { name: 'RetentionKind' });

@ArgsType()
export class DataSharingReportArgs {
  @Field({ description: 'First day of the period, YYYY-MM-DD (inclusive, Dutch calendar days)' }) from!: string;
  @Field({ description: 'Last day of the period, YYYY-MM-DD (inclusive); a period covers at most 366 days' })
  to!: string;
  @Field(() => DataSharingGroupByValue, { defaultValue: DataSharingGroupByValue.CREDITOR })
  @IsEnum(DataSharingGroupByValue)
  groupBy: DataSharingGroupByValue = DataSharingGroupByValue.CREDITOR;
}

@ObjectType('LabelCount')
export class LabelCountType {
  @Field() label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('FeedbackCount')
export class FeedbackCountType {
  @Field({ description: 'SignalFeedback status' }) status!: string;
  @Field(() => String, { nullable: true }) reasonCode!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType('DataSharingRow')
export class DataSharingRowType {
  @Field(() => String, { nullable: true, description: 'The creditor, sector or month; null where none was proven' })
  key!: string | null;
  @Field(() => Int, { description: 'Messages received: stored plus refused' }) received!: number;
  @Field(() => Int, { description: 'Signals stored (accepted, or not picked up as unfounded or repeat)' })
  stored!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int, { description: 'Messages refused (nothing of them is stored)' }) refused!: number;
  @Field(() => [LabelCountType], { description: 'Refusals by reason code' }) refusedByReason!: LabelCountType[];
  @Field(() => [LabelCountType], { description: 'Values data minimisation dropped, by field' })
  droppedFields!: LabelCountType[];
  @Field(() => [FeedbackCountType], { description: 'Feedback published to creditors, by status and reason' })
  feedbackByKind!: FeedbackCountType[];
}

@ObjectType('RetentionPolicy')
export class RetentionPolicyType {
  @Field(() => Int) unpickedSignalMonths!: number;
  @Field(() => Int) closedCaseMonths!: number;
  @Field({ description: 'True while the municipality has set no terms of its own' }) isDefault!: boolean;
}

@ObjectType('ProcessingActivity', { description: 'One entry of the register of processing activities (AVG art. 30)' })
export class ProcessingActivityType {
  @Field() code!: string;
  @Field() name!: string;
  @Field() purpose!: string;
  @Field() legalBasis!: string;
  @Field(() => [String]) dataSubjects!: string[];
  @Field(() => [String]) personalData!: string[];
  @Field(() => [String]) recipients!: string[];
  @Field() retention!: string;
  @Field(() => [String], {
    description:
      'Who receives these data now: the municipalities or creditors of the agreements in force in the period',
  })
  currentRecipients!: string[];
}

@ObjectType('DataSharingReport')
export class DataSharingReportType {
  @Field(() => ReportScopeValue) scope!: ReportScopeValue;
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => DataSharingGroupByValue) groupBy!: DataSharingGroupByValue;
  @Field(() => [DataSharingRowType]) rows!: DataSharingRowType[];
  @Field(() => DataSharingRowType, { description: 'The period as a whole (key null)' }) totals!: DataSharingRowType;
  @Field(() => [ProcessingActivityType]) register!: ProcessingActivityType[];
  @Field(() => RetentionPolicyType, { nullable: true, description: 'The municipality’s terms; null for the hub' })
  retentionPolicy!: RetentionPolicyType | null;
}

@ArgsType()
export class RetentionReportArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Retention runs per page' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) after?: string;
}

@ObjectType('RetentionDueCount')
export class RetentionDueCountType {
  @Field(() => RetentionKindValue) kind!: RetentionKindValue;
  @Field({ description: 'YYYY-MM-DD from which the personal data must be gone' }) dueOn!: string;
  @Field(() => Int, { description: 'Cases' }) count!: number;
}

@ObjectType('RetentionRun')
export class RetentionRunType {
  @Field() id!: string;
  @Field(() => String, { nullable: true, description: 'null in the hub-wide view' }) municipality!: string | null;
  @Field() startedAt!: Date;
  @Field() finishedAt!: Date;
  @Field({ description: 'The scheduler, or cli:<user> for npm run retention' }) actor!: string;
  @Field(() => RetentionPolicyType) policy!: RetentionPolicyType;
  @Field(() => Int) casesPurged!: number;
  @Field(() => Int) signalsPurged!: number;
  @Field(() => Int) householdsPurged!: number;
  @Field(() => Int) notesDeleted!: number;
}

@ObjectType('RetentionRunEdge')
export class RetentionRunEdgeType {
  @Field() cursor!: string;
  @Field(() => RetentionRunType) node!: RetentionRunType;
}

@ObjectType('RetentionRunConnection')
export class RetentionRunConnectionType {
  @Field(() => [RetentionRunEdgeType]) edges!: RetentionRunEdgeType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('RetentionReport')
export class RetentionReportType {
  @Field(() => ReportScopeValue) scope!: ReportScopeValue;
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field({ description: 'The Dutch calendar day the terms are judged on' }) today!: string;
  @Field(() => RetentionPolicyType, { nullable: true, description: 'The municipality’s terms; null for the hub' })
  policy!: RetentionPolicyType | null;
  @Field(() => Int, { description: 'Cases whose term has come and that the next run purges' }) overdue!: number;
  @Field(() => [RetentionDueCountType], { description: 'Cases not yet purged, by kind and due day' })
  due!: RetentionDueCountType[];
  @Field(() => RetentionRunConnectionType, { description: 'What was purged when, under which terms; newest first' })
  runs!: RetentionRunConnectionType;
}

@InputType('SetRetentionPolicyInput')
export class SetRetentionPolicyInput {
  @Field() @IsString() @Matches(/^GM\d{4}$/) municipality!: string;
  @Field(() => Int, { description: 'Months after its latest signal that a case never picked up keeps its data' })
  @IsInt()
  @Min(1)
  @Max(120)
  unpickedSignalMonths!: number;
  @Field(() => Int, { description: 'Months after closing that a closed case keeps its data' })
  @IsInt()
  @Min(1)
  @Max(120)
  closedCaseMonths!: number;
}
