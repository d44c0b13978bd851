import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CreditorSpread } from '../../cases/dto/case.types.js';
import { SectorValue } from '../../graphql/enums.js';

/** Amounts a queue may bound: the most one signal may carry (€10 million), in cents. */
const MAX_AMOUNT_CENTS = 1_000_000_000;
/** Days in arrears a queue may bound: ten years. */
const MAX_DAYS = 3650;

@ObjectType('WorkQueue', { description: 'A werkbakje: a saved filter over the open cases of a municipality' })
export class WorkQueueType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [SectorValue], { description: 'Cases with a signal of any of these sectors; empty: any' })
  sectors!: SectorValue[];
  @Field(() => Int, { nullable: true }) minimumAmountCents!: number | null;
  @Field(() => Int, { nullable: true }) maximumAmountCents!: number | null;
  @Field(() => Int, { nullable: true }) minimumDaysInArrears!: number | null;
  @Field(() => Int, { nullable: true }) maximumDaysInArrears!: number | null;
  @Field(() => [String], { description: 'Postcode areas (PC4) of the household; empty: any' }) pc4s!: string[];
  @Field(() => CreditorSpread, { nullable: true }) creditorSpread!: CreditorSpread | null;
  @Field(() => Boolean, { nullable: true }) crisis!: boolean | null;
  @Field({ description: 'Only cases nobody is assigned to' }) unassigned!: boolean;
  @Field(() => Int, { description: 'Open cases in this queue now' }) openCaseCount!: number;
}

@InputType('WorkQueueInput', { description: 'A work queue: its name and filter; every criterion is optional' })
export class WorkQueueInput {
  @Field()
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'name: 1-100 characters, no control characters' })
  name!: string;
  @Field(() => [SectorValue], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(11)
  @IsEnum(SectorValue, { each: true })
  sectors?: SectorValue[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  minimumAmountCents?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  maximumAmountCents?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_DAYS) minimumDaysInArrears?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_DAYS) maximumDaysInArrears?: number;
  @Field(() => [String], { nullable: true, description: 'At most 500 postcode areas (four digits)' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(4, { each: true })
  pc4s?: string[];
  @Field(() => CreditorSpread, { nullable: true })
  @IsOptional()
  @IsEnum(CreditorSpread)
  creditorSpread?: CreditorSpread;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() crisis?: boolean;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() unassigned?: boolean;
}
