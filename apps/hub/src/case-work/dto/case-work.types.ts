import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CaseResult, ContactKind, DayPart } from '@signaalhub/domain';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_EVENT_KINDS, type CaseEventKind } from '../../case-events/case-event.js';
import { CaseResultValue, ContactKindValue, DayPartValue } from '../../graphql/enums.js';
import { PageInfoType } from '../../graphql/page-info.js';
import { PersonalData } from '../../privacy/personal-data.js';

export const CaseEventKindValue = Object.fromEntries(CASE_EVENT_KINDS.map((k) => [k, k])) as {
  [K in CaseEventKind]: K;
};
export type CaseEventKindValue = CaseEventKind;
registerEnumType(CaseEventKindValue, { name: 'CaseEventKind', description: 'What happened to a case' });

@ObjectType('ContactAttempt', { description: 'A contactpoging (DDAS v1.2)' })
export class ContactAttemptType {
  @Field(() => ID) id!: string;
  @Field(() => ContactKindValue) @PersonalData() kind!: ContactKind;
  @Field() @PersonalData() reached!: boolean;
  @Field({ description: 'The Dutch calendar day of the attempt, YYYY-MM-DD' }) @PersonalData() date!: string;
  @Field(() => DayPartValue, { nullable: true, description: 'Dagdeel; null when only the day is known' })
  @PersonalData()
  dayPart!: DayPart | null;
  @Field({ description: 'Who recorded it (token subject)' }) recordedBy!: string;
  @Field() recordedAt!: Date;
}

@ObjectType('CaseNote', { description: 'A worker’s note on a case; personal data, every read is audited' })
export class CaseNoteType {
  @Field(() => ID) id!: string;
  @Field() @PersonalData() text!: string;
  @Field({ description: 'Who wrote it (token subject)' }) author!: string;
  @Field() createdAt!: Date;
}

@ObjectType('CaseTimelineEntry', {
  description: 'One change of a case. Ids and codes only: open a signal or note through the case itself',
})
export class CaseTimelineEntryType {
  @Field(() => ID) id!: string;
  @Field(() => CaseEventKindValue) kind!: CaseEventKind;
  @Field() occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'Who did it (token subject); null for a creditor’s signal' })
  actor!: string | null;
  @Field(() => ID, { nullable: true }) signalId!: string | null;
  @Field(() => ID, { nullable: true }) contactAttemptId!: string | null;
  @Field(() => ContactKindValue, { nullable: true }) @PersonalData() contactKind!: ContactKind | null;
  @Field(() => Boolean, { nullable: true }) @PersonalData() reached!: boolean | null;
  @Field(() => DayPartValue, { nullable: true }) @PersonalData() dayPart!: DayPart | null;
  @Field(() => ID, { nullable: true }) noteId!: string | null;
  @Field(() => CaseResultValue, { nullable: true }) result!: CaseResult | null;
  @Field(() => String, { nullable: true, description: 'GM code the case went to (TRANSFERRED_OUT)' })
  toMunicipality!: string | null;
  @Field(() => String, { nullable: true, description: 'GM code the case came from (TRANSFERRED_IN)' })
  fromMunicipality!: string | null;
}

@ObjectType('CaseTimelineEdge')
export class CaseTimelineEdgeType {
  @Field() cursor!: string;
  @Field(() => CaseTimelineEntryType) node!: CaseTimelineEntryType;
}

@ObjectType('CaseTimelineConnection')
export class CaseTimelineConnectionType {
  @Field(() => [CaseTimelineEdgeType]) edges!: CaseTimelineEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ArgsType()
export class CaseTimelineArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) after?: string;
}

/** A bounded list on a case: at most 200 at a time. */
@ArgsType()
export class CaseListArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
}

@InputType('ContactAttemptInput', {
  description: 'Give `at` (the moment: the dagdeel follows on the Dutch clock) or `date` (with an optional dayPart)',
})
export class ContactAttemptInput {
  @Field(() => ContactKindValue) @IsEnum(ContactKindValue) kind!: ContactKind;
  @Field() @IsBoolean() reached!: boolean;
  @Field(() => Date, { nullable: true }) @IsOptional() at?: Date | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, Dutch calendar day' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  date?: string | null;
  @Field(() => DayPartValue, { nullable: true }) @IsOptional() @IsEnum(DayPartValue) dayPart?: DayPart | null;
}
