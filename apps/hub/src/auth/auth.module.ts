import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { HubConfig } from '../config/hub-config.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RateLimiter } from '../graphql/rate-limiter.js';
import { GqlJwtGuard, RolesGuard } from './gql-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';

@Module({
  imports: [PassportModule.register({ session: false }), ReferenceModule],
  providers: [
    JwtStrategy,
    GqlJwtGuard,
    RolesGuard,
    {
      provide: RateLimiter,
      inject: [HubConfig],
      useFactory: (config: HubConfig) =>
        new RateLimiter({
          requests: config.GRAPHQL_RATE_LIMIT_REQUESTS,
          windowSeconds: config.GRAPHQL_RATE_LIMIT_WINDOW_SECONDS,
        }),
    },
  ],
  exports: [GqlJwtGuard, RolesGuard, RateLimiter],
})
export class AuthModule {}
