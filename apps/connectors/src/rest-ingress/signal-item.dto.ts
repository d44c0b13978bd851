import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { SECTORS, SIGNAL_KINDS, type Sector, type SignalKind } from '@signaalhub/domain';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '$property must be a date YYYY-MM-DD';

/** Whole euro cents, ≥ 0: a safe integer, or a string of digits (JSON numbers lose precision past 2^53). */
function IsWholeCents(): PropertyDecorator {
  return ValidateBy({
    name: 'isWholeCents',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
        (typeof value === 'string' && /^[0-9]{1,18}$/.test(value)),
      defaultMessage: () => 'amountCents must be whole euro cents: an integer, or a string of digits',
    },
  });
}

/**
 * One signal as a creditor's system sends it over REST: the fields of `signaalhub.v1.Signal` in
 * camelCase, enums by name, days as `YYYY-MM-DD`, amounts in whole euro cents. The lengths and formats
 * here are a first gate (types and formats); lengths, postcodes, the elfproef and the cross-field rules
 * are the hub's own validation (`validateSignal`), which runs on every item after it, so the edge
 * refuses exactly what the hub would refuse.
 */
export class SignalItemDto {
  @ApiProperty({ description: "The creditor's own unique id for this arrears case" })
  @IsString()
  creditorSignalRef!: string;

  @ApiProperty({ enum: SIGNAL_KINDS })
  @IsIn(SIGNAL_KINDS)
  kind!: SignalKind;

  @ApiProperty({ enum: SECTORS, description: 'Signaalpartner type (DDAS EnumSignaalpartner)' })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ description: 'Signaaldatum, YYYY-MM-DD', example: '2026-11-30' })
  @Matches(DAY, { message: DAY_MESSAGE })
  signalDate!: string;

  @ApiPropertyOptional({ example: 'J.P.' })
  @IsOptional()
  @IsString()
  initials?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  firstNames?: string;

  @ApiPropertyOptional({ example: 'van der' })
  @IsOptional()
  @IsString()
  surnamePrefix?: string;

  @ApiProperty()
  @IsString()
  surname!: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  birthDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  email?: string;

  @ApiPropertyOptional({ description: 'Burgerservicenummer, only where the agreement allows it' })
  @IsOptional()
  @IsString()
  bsn?: string;

  @ApiProperty({ example: '1234AB' })
  @IsString()
  postcode!: string;

  @ApiProperty({ minimum: 1, maximum: 99999 })
  @IsInt()
  @Min(1)
  @Max(99999)
  houseNumber!: number;

  @ApiPropertyOptional({ maxLength: 1 })
  @IsOptional()
  @IsString()
  houseLetter?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  houseNumberAddition?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  street?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  place?: string;

  @ApiProperty({
    description: 'Arrears in whole euro cents: an integer, or a string of digits for amounts beyond 2^53',
    oneOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', pattern: '^[0-9]{1,18}$' },
    ],
  })
  @IsWholeCents()
  amountCents!: number | string;

  @ApiProperty({ description: 'YYYY-MM-DD' })
  @Matches(DAY, { message: DAY_MESSAGE })
  arrearsSince!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerNumber?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; required for END_OF_SUPPLY' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  supplyEndDate?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  reminderSentOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  personalContactAttempted?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  referredToDebtHelp?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  objectionOffered?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  objectionReceived?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  crisis?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  warmHandover?: boolean;
}
