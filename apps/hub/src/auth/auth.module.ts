import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { GqlJwtGuard, RolesGuard } from './gql-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';

@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [JwtStrategy, GqlJwtGuard, RolesGuard],
  exports: [GqlJwtGuard, RolesGuard],
})
export class AuthModule {}
