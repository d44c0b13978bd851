import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { SectorValue } from '../../graphql/enums.js';
import { PageInfoType } from '../../graphql/page-info.js';
import { PersonalData } from '../../privacy/personal-data.js';

@ObjectType('UnroutedSignal', {
  description: 'A signal no municipality could be chosen for: unknown postcode, or a PC4 the place name did not decide',
})
export class UnroutedSignalType {
  @Field(() => ID) id!: string;
  @Field() creditorId!: string;
  @Field() creditorSignalRef!: string;
  @Field(() => SectorValue) sector!: SectorValue;
  @Field() signalDate!: string;
  @Field() @PersonalData() postcode!: string;
  @Field(() => String, { nullable: true }) @PersonalData() place!: string | null;
  @Field({ description: 'UNKNOWN_POSTCODE or AMBIGUOUS_POSTCODE' }) reason!: string;
  @Field() receivedAt!: Date;
}

@ObjectType('UnroutedSignalEdge')
export class UnroutedSignalEdgeType {
  @Field() cursor!: string;
  @Field(() => UnroutedSignalType) node!: UnroutedSignalType;
}

@ObjectType('UnroutedSignalConnection')
export class UnroutedSignalConnectionType {
  @Field(() => [UnroutedSignalEdgeType]) edges!: UnroutedSignalEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ArgsType()
export class UnroutedSignalsArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string;
}

@ObjectType('RoutedSignal')
export class RoutedSignalType {
  @Field(() => ID) signalId!: string;
  @Field({ description: 'GM code the signal now belongs to' }) municipality!: string;
  @Field(() => ID, { nullable: true, description: 'The case it joined; null when the rules refused it' })
  caseId!: string | null;
  @Field({ description: 'What the convenant rules decided once the municipality was known' }) decision!: string;
  @Field() decisionReason!: string;
}
