import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SectorValue } from '../../graphql/enums.js';
import { CaseStatusValue, CreditorSpread } from './case.types.js';

@InputType('CaseFilter')
export class CaseFilterInput {
  @Field(() => CaseStatusValue, { nullable: true }) @IsOptional() @IsEnum(CaseStatusValue) status?: CaseStatusValue;
  @Field(() => SectorValue, { nullable: true, description: 'Cases with at least one signal of this sector' })
  @IsOptional()
  @IsEnum(SectorValue)
  sector?: SectorValue;
  @Field(() => CreditorSpread, { nullable: true })
  @IsOptional()
  @IsEnum(CreditorSpread)
  creditorSpread?: CreditorSpread;
  @Field(() => Int, { nullable: true, description: 'Only cases whose total amount is at least this many cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  minimumAmountCents?: number;
  @Field(() => Boolean, { nullable: true, description: 'My cases: only those assigned to you' })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean;
}

export enum CaseOrderValue {
  NEWEST = 'NEWEST',
  URGENCY = 'URGENCY',
}
registerEnumType(CaseOrderValue, {
  name: 'CaseOrder',
  valuesMap: {
    NEWEST: { description: 'Newest signal first' },
    URGENCY: { description: 'Highest urgency score first' },
  },
});

@ArgsType()
export class CasesArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string;
  @Field(() => CaseFilterInput, { nullable: true }) @IsOptional() filter?: CaseFilterInput;
  @Field(() => CaseOrderValue, { defaultValue: CaseOrderValue.NEWEST })
  @IsEnum(CaseOrderValue)
  orderBy: CaseOrderValue = CaseOrderValue.NEWEST;
  @Field(() => ID, { nullable: true, description: 'Only the open cases of this work queue (werkbakje)' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  queue?: string;
}
