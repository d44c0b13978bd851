import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class FeedbackQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous answer; without it, from the oldest kept' })
  @IsOptional()
  @IsString()
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class FeedbackEntryDto {
  @ApiProperty({ description: 'Position in the feedback stream; stable across connector restarts' })
  cursor!: string;

  @ApiProperty({ description: 'Unique per feedback; each is delivered once by this endpoint' })
  feedbackId!: string;

  @ApiProperty()
  creditorSignalRef!: string;

  @ApiProperty({ description: 'e.g. ACCEPTED, REJECTED, PICKED_UP, NOT_PICKED_UP, RESOLVED' })
  status!: string;

  @ApiPropertyOptional()
  reasonCode?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  occurredAt?: string;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackEntryDto] })
  items!: FeedbackEntryDto[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as `since` for the next page; the same cursor again when nothing new came',
  })
  nextCursor!: string | null;
}
