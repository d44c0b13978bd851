import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Generous raw bounds: the domain applies the ingest's exact field rules after whitespace is folded.

@InputType('DataSubjectInput', {
  description: 'A data subject as named by the person: surname, date of birth and address',
})
export class DataSubjectInputType {
  @Field({ description: 'Geslachtsnaam, without prefix; case and diacritics do not matter' })
  @IsString()
  @MaxLength(800)
  surname!: string;

  @Field({ description: 'YYYY-MM-DD' }) @IsString() @MaxLength(32) birthDate!: string;

  @Field({ description: 'Dutch postcode, e.g. 1234AB' }) @IsString() @MaxLength(16) postcode!: string;

  @Field(() => Int) @IsInt() @Min(1) @Max(99_999) houseNumber!: number;
}

@InputType('RectificationInput', {
  description: 'Corrections to one signal (AVG art. 16); an empty string clears an optional field',
})
export class RectificationInputType {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(800) initials?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(800) firstNames?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) surnamePrefix?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(800) surname?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsString() @MaxLength(32) birthDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(128) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1016) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) street?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) place?: string;
}

@ObjectType('SubjectSignal', { description: 'A signal held about the data subject, with its personal data' })
export class SubjectSignalType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) caseId!: string | null;
  @Field() creditorId!: string;
  @Field() creditorSignalRef!: string;
  @Field() sector!: string;
  @Field() kind!: string;
  @Field() status!: string;
  @Field() signalDate!: string;
  @Field() receivedAt!: Date;
  @Field(() => String, { nullable: true }) initials!: string | null;
  @Field(() => String, { nullable: true }) firstNames!: string | null;
  @Field(() => String, { nullable: true }) surnamePrefix!: string | null;
  @Field() surname!: string;
  @Field(() => String, { nullable: true }) birthDate!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) place!: string | null;
  @Field() postcode!: string;
  @Field(() => Int) houseNumber!: number;
  @Field(() => String, { nullable: true }) houseLetter!: string | null;
  @Field(() => String, { nullable: true }) houseNumberAddition!: string | null;
  @Field({ description: 'Integer cents, as a string' }) amountCents!: string;
  @Field() arrearsSince!: string;
  @Field(() => String, { nullable: true }) customerNumber!: string | null;
}

@ObjectType('SubjectCase')
export class SubjectCaseType {
  @Field(() => ID) id!: string;
  @Field() status!: string;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field() openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}

@ObjectType('SubjectContactAttempt')
export class SubjectContactAttemptType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field() kind!: string;
  @Field() reached!: boolean;
  @Field() date!: string;
  @Field(() => String, { nullable: true }) dayPart!: string | null;
  @Field() recordedBy!: string;
  @Field() recordedAt!: Date;
}

@ObjectType('SubjectNote')
export class SubjectNoteType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field() author!: string;
  @Field() text!: string;
  @Field() createdAt!: Date;
}

@ObjectType('SubjectAccessEvent', { description: 'One access to the data subject’s data, from the audit trail' })
export class SubjectAccessEventType {
  @Field(() => ID) id!: string;
  @Field() occurredAt!: Date;
  @Field() actor!: string;
  @Field() actorRole!: string;
  @Field() action!: string;
  @Field() subjectType!: string;
  @Field(() => ID) subjectId!: string;
}

@ObjectType('SubjectAccessReport', {
  description: 'Everything held about one data subject in your municipality, and every access to it (AVG art. 15)',
})
export class SubjectAccessReportType {
  @Field() generatedAt!: Date;
  @Field() municipality!: string;
  @Field(() => [SubjectSignalType]) signals!: SubjectSignalType[];
  @Field(() => [SubjectCaseType]) cases!: SubjectCaseType[];
  @Field(() => [SubjectContactAttemptType]) contactAttempts!: SubjectContactAttemptType[];
  @Field(() => [SubjectNoteType]) notes!: SubjectNoteType[];
  @Field(() => [SubjectAccessEventType]) accesses!: SubjectAccessEventType[];
  @Field({ description: 'More accesses exist than the report lists' }) accessesTruncated!: boolean;
  @Field({ description: 'An objection (AVG art. 21) of this person is recorded' }) objectionRecorded!: boolean;
}

@ObjectType('ErasureResult')
export class ErasureResultType {
  @Field(() => Int, { description: 'Signals whose personal data was removed' }) erasedSignals!: number;
  @Field(() => Int, { description: 'Notes deleted (cases with no other resident left)' }) deletedNotes!: number;
}

@ObjectType('ObjectionResult')
export class ObjectionResultType {
  @Field({ description: 'False when this objection was already recorded' }) recorded!: boolean;
}
