import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CreditorEndpoints } from '../rest-ingress/creditor.guard.js';
import type { CreditorPrincipal } from '../rest-ingress/creditor-jwt.strategy.js';
import { ErrorDto } from '../rest-ingress/submit-signals.dto.js';
import { ParkedDeliveriesDto, RedeliveryDto } from './parked-feedback.dto.js';
import { FeedbackWebhookDispatcher } from './webhook-dispatcher.js';

/** The caller's feedback whose webhook delivery failed every attempt; only its own. */
@CreditorEndpoints('feedback')
@Controller('v1/feedback/parked')
export class ParkedFeedbackController {
  constructor(@Inject(FeedbackWebhookDispatcher) private readonly dispatcher: FeedbackWebhookDispatcher) {}

  @Get()
  @ApiOkResponse({ description: 'Parked deliveries, oldest first', type: ParkedDeliveriesDto })
  list(@Req() request: { creditor: CreditorPrincipal }): ParkedDeliveriesDto {
    return { items: this.dispatcher.parked(request.creditor.creditorId) };
  }

  @Post(':feedbackId/redeliver')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Queued for delivery again, with fresh attempts', type: RedeliveryDto })
  // Another creditor's feedback id is answered like an unknown one: its existence is not revealed.
  @ApiNotFoundResponse({ description: 'No parked delivery of the caller by that id', type: ErrorDto })
  redeliver(@Req() request: { creditor: CreditorPrincipal }, @Param('feedbackId') feedbackId: string): RedeliveryDto {
    if (!this.dispatcher.redeliver(request.creditor.creditorId, feedbackId)) {
      throw new NotFoundException('no parked delivery by that feedback id');
    }
    return { feedbackId, queued: true };
  }
}
