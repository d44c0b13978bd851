import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse } from '@nestjs/swagger';
import { CreditorEndpoints } from './creditor.guard.js';
import type { CreditorPrincipal } from './creditor-jwt.strategy.js';
import { SignalIngressService } from './signal-ingress.service.js';
import { SignalStatusService } from './signal-status.service.js';
import { ErrorDto, SignalStatusDto, SubmitSignalsDto, SubmitSignalsResultDto } from './submit-signals.dto.js';

type AuthedRequest = { creditor: CreditorPrincipal };

@CreditorEndpoints('signals', "Not a creditor's token, or another creditor named")
@Controller('v1/signals')
export class SignalsController {
  constructor(
    @Inject(SignalIngressService) private readonly ingress: SignalIngressService,
    @Inject(SignalStatusService) private readonly statuses: SignalStatusService,
  ) {}

  /** Signs and sends a batch; every item gets its own result, a bad one never refuses the batch. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SubmitSignalsResultDto })
  @ApiPayloadTooLargeResponse({ description: 'The request body is larger than the limit', type: ErrorDto })
  async submit(@Req() request: AuthedRequest, @Body() body: SubmitSignalsDto): Promise<SubmitSignalsResultDto> {
    const { creditorId } = request.creditor;
    if (body.creditorId !== undefined && body.creditorId !== creditorId) {
      throw new ForbiddenException('a creditor submits only in its own name: creditorId differs from the token');
    }
    return this.ingress.submit(creditorId, body.items);
  }

  /** The last feedback the hub sent for one of the caller's signals. */
  @Get(':ref/status')
  @ApiOkResponse({ type: SignalStatusDto })
  @ApiNotFoundResponse({ description: 'No feedback known for this reference', type: ErrorDto })
  status(@Req() request: AuthedRequest, @Param('ref') ref: string): SignalStatusDto {
    const status = this.statuses.status(request.creditor.creditorId, ref);
    if (!status) throw new NotFoundException('no feedback is known for this signal reference');
    return status;
  }
}
