import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { UnroutedResolver } from './unrouted.resolver.js';
import { UnroutedService } from './unrouted.service.js';

@Module({ imports: [AuditModule, AuthModule], providers: [UnroutedService, UnroutedResolver] })
export class RoutingModule {}
