import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';
import { SignalItemDto } from './signal-item.dto.js';

/** Most signals in one request. */
export const MAX_BATCH_ITEMS = 10_000;

/**
 * A batch of signals. The items are validated one by one in the service, not by the request pipe,
 * so one bad item never refuses the whole batch; hence no nested validation here.
 */
export class SubmitSignalsDto {
  @ApiPropertyOptional({
    description: "The creditor the batch is sent for; when given it must be the token's own creditor",
  })
  @IsOptional()
  @IsString()
  creditorId?: string;

  @ApiProperty({ type: [SignalItemDto], minItems: 1, maxItems: MAX_BATCH_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  items!: unknown[];
}

export class FieldErrorDto {
  @ApiProperty({ description: 'The field, in the request’s names; `item` for the item as a whole' })
  field!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ description: "The hub's stable reject reason code, when the domain rules refused it" })
  reason?: string;
}

export class ItemResultDto {
  @ApiProperty({ description: 'Position of the item in the batch, from 0' })
  index!: number;

  @ApiPropertyOptional({ description: "The item's creditorSignalRef, when it had one" })
  creditorSignalRef?: string;

  @ApiProperty({
    enum: ['accepted', 'duplicate', 'rejected'],
    description:
      '`accepted`: signed and acknowledged by Kafka; `duplicate`: this connector process already accepted ' +
      'the same signal and did not send it again; `rejected`: see `errors`, nothing was sent',
  })
  status!: 'accepted' | 'duplicate' | 'rejected';

  @ApiPropertyOptional({ description: 'The Kafka topic the signal was produced to' })
  topic?: string;

  @ApiPropertyOptional({
    description: 'The Kafka key (`<creditorId>:<creditorSignalRef>`); one key, one partition, in order',
  })
  key?: string;

  @ApiPropertyOptional({ description: 'The signing key id' })
  keyId?: string;

  @ApiPropertyOptional({
    description: 'For `accepted`: the Kafka partition the signal is stored in (acknowledged by all in-sync replicas)',
  })
  partition?: number;

  @ApiPropertyOptional({
    description:
      'For `accepted`: its offset in that partition (a decimal string: offsets are 64-bit); with the topic and ' +
      'partition it names the stored message exactly',
    example: '1234',
  })
  offset?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

export class SubmitSignalsResultDto {
  @ApiProperty()
  accepted!: number;

  @ApiProperty()
  duplicates!: number;

  @ApiProperty()
  rejected!: number;

  @ApiProperty({ type: [ItemResultDto] })
  results!: ItemResultDto[];
}

export class SignalStatusDto {
  @ApiProperty()
  creditorSignalRef!: string;

  @ApiProperty({
    description: 'The last feedback status the hub sent, e.g. ACCEPTED, REJECTED, PICKED_UP, RESOLVED',
  })
  status!: string;

  @ApiPropertyOptional({ description: 'Why, for REJECTED and the not-picked-up statuses' })
  reasonCode?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  occurredAt?: string;

  @ApiProperty()
  feedbackId!: string;
}

export class ErrorDto {
  @ApiProperty()
  statusCode!: number;

  @ApiProperty()
  error!: string;

  @ApiProperty()
  message!: string;
}
