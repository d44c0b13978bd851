import { type ExecutionContext, Injectable, SetMetadata, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { GraphQLError } from 'graphql';
import type { Principal, Role } from './principal.js';

const ROLES_KEY = 'signaalhub:roles';

/** The roles that may call a resolver; a resolver without it is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Authenticates the bearer token once per request and puts the principal on the request. */
@Injectable()
export class GqlJwtGuard extends AuthGuard('jwt') {
  override getRequest(context: ExecutionContext) {
    return GqlExecutionContext.create(context).getContext().req;
  }

  override handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) {
      throw new GraphQLError('A valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } });
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
