import { BadRequestException, Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse } from '@nestjs/swagger';
import { CreditorEndpoints } from './creditor.guard.js';
import type { CreditorPrincipal } from './creditor-jwt.strategy.js';
import { CursorError } from './feedback-log.js';
import { FeedbackPageDto, FeedbackQueryDto } from './feedback.dto.js';
import { ErrorDto } from './submit-signals.dto.js';
import { SignalStatusService } from './signal-status.service.js';

@CreditorEndpoints('feedback')
@Controller('v1/feedback')
export class FeedbackController {
  constructor(@Inject(SignalStatusService) private readonly feedback: SignalStatusService) {}

  /** The hub's feedback on the caller's signals, oldest first, after `since`. */
  @Get()
  @ApiOkResponse({ type: FeedbackPageDto })
  @ApiBadRequestResponse({ description: 'A cursor this connector did not hand out', type: ErrorDto })
  pull(@Req() request: { creditor: CreditorPrincipal }, @Query() query: FeedbackQueryDto): FeedbackPageDto {
    let items;
    try {
      items = this.feedback.feedbackSince(request.creditor.creditorId, query.since, query.limit);
    } catch (error) {
      if (error instanceof CursorError) throw new BadRequestException(error.message);
      throw error;
    }
    return { items, nextCursor: items.at(-1)?.cursor ?? query.since ?? null };
  }
}
