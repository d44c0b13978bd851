import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PROCESSING_ACTIVITIES, type ProcessingActivityCode } from '@signaalhub/domain';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageInfoType } from '../../graphql/page-info.js';

export const ProcessingActivityValue = Object.fromEntries(PROCESSING_ACTIVITIES.map((a) => [a.code, a.code])) as {
  [K in ProcessingActivityCode]: K;
};
registerEnumType(ProcessingActivityValue, {
  name: 'ProcessingActivityCode',
  description: 'An activity of the register of processing activities (AVG art. 30)',
});

@ObjectType('AuditEntry', { description: 'One entry of the audit trail: ids and codes, never the personal data' })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field({ description: 'Place in the chain of its municipality (decimal string, from 1)' }) sequence!: string;
  @Field({ description: 'UTC, microseconds, exactly as the hash covers it' }) occurredAt!: string;
  @Field({ description: 'Who (token subject, or the creditor a refused message claimed)' }) actor!: string;
  @Field({ description: 'The roles of the actor, comma-separated' }) actorRole!: string;
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field(() => ProcessingActivityValue) activity!: ProcessingActivityCode;
  @Field({ description: 'The legal basis of the activity, from the register' }) legalBasis!: string;
  @Field() action!: string;
  @Field() subjectType!: string;
  @Field() subjectId!: string;
  @Field({ description: 'JSON: ids and codes of what was done' }) detail!: string;
  @Field(() => String, { nullable: true, description: 'The request (x-request-id) it was part of' })
  requestId!: string | null;
  @Field() previousHash!: string;
  @Field() hash!: string;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdgeType {
  @Field() cursor!: string;
  @Field(() => AuditEntryType) node!: AuditEntryType;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnectionType {
  @Field(() => [AuditEntryEdgeType]) edges!: AuditEntryEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('AuditLogFilter', { description: 'Every given condition must hold' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) actor?: string | null;
  @Field(() => ID, { nullable: true, description: 'Entries about this case' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  caseId?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. case, Signal, Household, CaseNote' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) subjectId?: string | null;
  @Field(() => ProcessingActivityValue, { nullable: true })
  @IsOptional()
  @IsEnum(ProcessingActivityValue)
  activity?: ProcessingActivityCode | null;
  @Field(() => Date, { nullable: true, description: 'From this moment on (inclusive)' })
  @IsOptional()
  @IsDate()
  from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this moment (exclusive)' })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter | null;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) after?: string | null;
}

export const MAX_CSV_ROWS = 10_000;

@ArgsType()
export class AuditLogCsvArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter | null;
  @Field(() => Int, { defaultValue: 1000, description: `Newest first; at most ${MAX_CSV_ROWS}` })
  @IsInt()
  @Min(1)
  @Max(MAX_CSV_ROWS)
  maxRows: number = 1000;
}

@ArgsType()
export class VerifyAuditLogArgs {
  @Field({ description: 'GM code, or HUB for the entries without a municipality (operators only)' })
  @IsString()
  @Matches(/^(GM\d{4}|HUB)$/)
  municipality!: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() from?: Date | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() to?: Date | null;
}

@ObjectType('AuditVerification', { description: 'The chain recomputed over a period' })
export class AuditVerificationType {
  @Field() municipality!: string;
  @Field() ok!: boolean;
  @Field(() => Int, { description: 'Entries checked' }) entries!: number;
  @Field(() => String, { nullable: true, description: 'Sequence of the first broken link' })
  firstBrokenSequence!: string | null;
  @Field(() => ID, { nullable: true, description: 'The entry at that link; null when it is missing' })
  firstBrokenEntryId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'HASH_MISMATCH (entry changed), PREVIOUS_MISMATCH, MISSING (entry deleted), HEAD_MISMATCH',
  })
  reason!: string | null;
}
