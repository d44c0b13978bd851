import { ApiProperty } from '@nestjs/swagger';

/** A webhook delivery that failed every attempt, as its creditor sees it. */
export class ParkedDeliveryDto {
  @ApiProperty({ description: 'The feedback message, as in GET /v1/feedback and the webhook body' })
  feedbackId!: string;

  @ApiProperty()
  creditorSignalRef!: string;

  @ApiProperty({ description: 'The feedback status, e.g. ACCEPTED, REJECTED, PICKED_UP' })
  status!: string;

  @ApiProperty({ description: 'Attempts made before it was parked' })
  attempts!: number;

  @ApiProperty({
    description: 'Why the last attempt failed: `HTTP <status>`, `Timeout` or `ConnectionError`, never the answer',
    example: 'HTTP 503',
  })
  lastError!: string;

  @ApiProperty({ format: 'date-time' })
  parkedAt!: string;
}

export class ParkedDeliveriesDto {
  @ApiProperty({ type: [ParkedDeliveryDto], description: 'Oldest first' })
  items!: ParkedDeliveryDto[];
}

export class RedeliveryDto {
  @ApiProperty()
  feedbackId!: string;

  @ApiProperty({ enum: [true], description: 'Queued with fresh attempts; it stays parked until delivered' })
  queued!: true;
}
