import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CreditorGuard } from './creditor.guard.js';
import { CreditorJwtStrategy } from './creditor-jwt.strategy.js';
import { SignalIngressService } from './signal-ingress.service.js';
import { SignalStatusService } from './signal-status.service.js';
import { SignalsController } from './signals.controller.js';
import { FeedbackController } from './feedback.controller.js';

/** The creditors' REST ingress: signed signals in, the hub's feedback per signal out. */
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [SignalsController, FeedbackController],
  providers: [CreditorJwtStrategy, CreditorGuard, SignalIngressService, SignalStatusService],
})
export class RestIngressModule {}
