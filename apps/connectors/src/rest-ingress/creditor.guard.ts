import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { creditorOf, type CreditorPrincipal } from './creditor-jwt.strategy.js';

/** 401 without a valid token (passport), then 403 unless the token is a creditor's. */
@Injectable()
export class CreditorGuard extends AuthGuard('creditor-jwt') implements CanActivate {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<{ user?: unknown; creditor?: CreditorPrincipal }>();
    const creditor = creditorOf(request.user);
    if (!creditor) throw new ForbiddenException('this endpoint is for creditors: role creditor and a creditor claim');
    request.creditor = creditor;
    return true;
  }
}
