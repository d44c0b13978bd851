import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module.js';
import { AuditService } from './audit/audit.service.js';
import { AuthModule } from './auth/auth.module.js';
import { CaseEventsModule } from './case-events/case-events.module.js';
import { CaseWorkModule } from './case-work/case-work.module.js';
import { CasesModule } from './cases/cases.module.js';
import { createCaseLoaders } from './cases/case.loaders.js';
import { CasesService } from './cases/cases.service.js';
import { ConsoleModule } from './console/console.module.js';
import type { DevSignIn } from './console/dev-sign-in.js';
import { CreditorsModule } from './creditors/creditors.module.js';
import { DdasModule } from './ddas/ddas.module.js';
import { HubConfigModule } from './config/config.module.js';
import { HubConfig } from './config/hub-config.js';
import { appConnectionOptions } from './database/roles.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { KpisModule } from './kpis/kpis.module.js';
import { KafkaBusModule, loggerOptions, type LogCapture } from '@signaalhub/platform';
import { MetricsModule } from './metrics/metrics.module.js';
import { personalDataAuditPlugin } from './privacy/personal-data-audit.plugin.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { DataSubjectModule } from './privacy/data-subject.module.js';
import { UnroutedModule } from './unrouted/unrouted.module.js';
import { UrgencyModule } from './urgency/urgency.module.js';
import { WorkQueuesModule } from './work-queues/work-queues.module.js';

/** The hub: ingest, GraphQL API and operations endpoints, built from one validated config. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig, logCapture?: LogCapture, devSignIn?: DevSignIn): DynamicModule {
    return {
      module: HubModule,
      imports: [
        HubConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.NODE_ENV, logCapture)),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          synchronize: false,
          // Extensions are the migrations' business; the application role may not create them.
          installExtensions: false,
          extra: { max: 10, ...appConnectionOptions() },
        }),
        KafkaBusModule.forRoot({
          clientId: 'signaalhub-hub',
          config: HubConfig,
          brokers: (c) => c.kafkaBrokers,
          security: (c) => c.kafkaSecurity,
        }),
        MetricsModule,
        HealthModule,
        AuditModule,
        AuthModule,
        CasesModule,
        CaseWorkModule,
        CaseEventsModule,
        CreditorsModule,
        IngestModule,
        KpisModule,
        DdasModule,
        PrivacyModule,
        DataSubjectModule,
        UnroutedModule,
        UrgencyModule,
        WorkQueuesModule,
        ConsoleModule.forRoot(config, devSignIn),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [CasesModule, AuditModule],
          inject: [CasesService, AuditService],
          // The composition root hands each request's loaders to the GraphQL layer, which knows no feature.
          useFactory: (cases: CasesService, audit: AuditService) =>
            graphqlOptions(config, () => ({ loaders: createCaseLoaders(cases) }), [personalDataAuditPlugin(audit)]),
        }),
      ],
    };
  }
}
