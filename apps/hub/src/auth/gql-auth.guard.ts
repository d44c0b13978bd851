import { type ExecutionContext, Inject, Injectable, SetMetadata, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { GraphQLError } from 'graphql';
import { RateLimiter, type Admission } from '../graphql/rate-limiter.js';
import type { Principal, Role } from './principal.js';

const ROLES_KEY = 'signaalhub:roles';

/** The roles that may call a resolver; a resolver without it is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Authenticates the bearer token and charges the request to its subject's rate limit. The guard runs
 * for every root field; the admission is decided once per HTTP request and reused, so a request with
 * several root fields counts once and is refused as a whole.
 */
@Injectable()
export class GqlJwtGuard extends AuthGuard('jwt') {
  @Inject(RateLimiter) private readonly limiter!: RateLimiter;
  private readonly admissions = new WeakMap<object, Admission>();

  override getRequest(context: ExecutionContext) {
    return GqlExecutionContext.create(context).getContext().req;
  }

  override handleRequest<T>(error: unknown, principal: T, _info: unknown, context: ExecutionContext): T {
    if (error || !principal) {
      throw new GraphQLError('A valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    const request = this.getRequest(context) as object;
    let admission = this.admissions.get(request);
    if (!admission) {
      admission = this.limiter.take((principal as unknown as Principal).subject);
      this.admissions.set(request, admission);
    }
    if (!admission.allowed) {
      throw new GraphQLError(`Too many requests; retry after ${admission.retryAfterSeconds} s`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds: admission.retryAfterSeconds,
          // Nest answers errors raised during execution with status 200, so only the header is set.
          http: { headers: new Map([['retry-after', String(admission.retryAfterSeconds)]]) },
        },
      });
    }
    return principal;
  }
}

/** Reads the principal the JWT guard placed on the request; checks the resolver's roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const principal = GqlExecutionContext.create(context).getContext().req.user as Principal | undefined;
    if (!roles || !principal || !principal.roles.some((r) => roles.includes(r))) {
      throw new GraphQLError('Not allowed for your role', { extensions: { code: 'FORBIDDEN' } });
    }
    return true;
  }
}
