import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { creditorOf, type CreditorPrincipal } from './creditor-jwt.strategy.js';
import { ErrorDto } from './submit-signals.dto.js';

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

/**
 * A controller only creditors may call: the guard, and the matching OpenAPI description (bearer
 * token, 401 and 403), in one place for every creditor endpoint.
 */
export function CreditorEndpoints(tag: string, forbidden = "Not a creditor's token") {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid Bearer token', type: ErrorDto }),
    ApiForbiddenResponse({ description: forbidden, type: ErrorDto }),
    UseGuards(CreditorGuard),
  );
}
