import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SectorValue } from '../../graphql/enums.js';

// Field shapes only; the registry service checks meaning (key type, municipality, overlaps) again,
// because it is also called without GraphQL (the development seed).
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PEM_LENGTH = 4096;

@ArgsType()
export class CreditorsArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first: number = 50;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string;
}

@InputType('CreditorKeyInput')
export class CreditorKeyInput {
  @Field() @IsString() @MinLength(1) @MaxLength(128) keyId!: string;
  @Field({ description: 'Ed25519 public key, PEM (-----BEGIN PUBLIC KEY-----)' })
  @IsString()
  @MaxLength(MAX_PEM_LENGTH)
  publicKeyPem!: string;
}

@InputType('RegisterCreditorInput')
export class RegisterCreditorInput {
  @Field({ description: 'Lower-case letters, digits and hyphens, e.g. woningcorporatie-de-linde' })
  @IsString()
  @MaxLength(63)
  id!: string;
  @Field() @IsString() @MaxLength(200) name!: string;
  @Field({ description: 'KvK number, 8 digits' }) @IsString() kvkNumber!: string;
  @Field(() => [SectorValue]) @IsArray() @ArrayUnique() @IsEnum(SectorValue, { each: true }) sectors!: SectorValue[];
  @Field(() => [CreditorKeyInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CreditorKeyInput)
  keys: CreditorKeyInput[] = [];
}

@InputType('SetAgreementInput')
export class SetAgreementInput {
  @Field() @IsString() creditorId!: string;
  @Field({ description: 'GM code or a historic municipality code; stored as the current GM code' })
  @IsString()
  @MaxLength(6)
  municipality!: string;
  @Field(() => SectorValue) @IsEnum(SectorValue) sector!: SectorValue;
  @Field({ description: 'First day, YYYY-MM-DD' }) @Matches(DATE) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'Last day (inclusive), YYYY-MM-DD; omit for open-ended' })
  @IsOptional()
  @Matches(DATE)
  validTo?: string | null;
}

@InputType('ExperimentInput', {
  description: 'The terms of an experiment regulation the municipality takes part in (e.g. Dienst Toeslagen)',
})
export class ExperimentInput {
  @Field(() => SectorValue) @IsEnum(SectorValue) sector!: SectorValue;
  @Field(() => Int, { nullable: true, description: 'Days in arrears at least' })
  @IsOptional()
  @IsInt()
  @Min(0)
  minDays?: number;
  @Field(() => Int, { nullable: true, description: 'Amount in arrears at least, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  minAmountCents?: number;
}

@InputType('SetMunicipalityPolicyInput')
export class SetMunicipalityPolicyInput {
  @Field({ description: 'GM code or a historic municipality code' }) @IsString() @MaxLength(6) municipality!: string;
  @Field(() => Int) @IsInt() @Min(0) minimumAmountCents!: number;
  @Field(() => Int, { description: 'At most two years' }) @IsInt() @Min(1) @Max(731) matchingPeriodDays!: number;
  @Field(() => [ExperimentInput], {
    defaultValue: [],
    description: 'Experiment sectors this municipality takes part in; any other experiment sector is refused',
  })
  @IsArray()
  @ArrayMaxSize(11)
  @ValidateNested({ each: true })
  @Type(() => ExperimentInput)
  experiments: ExperimentInput[] = [];
}
