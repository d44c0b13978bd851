import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { dutchDateOf, type RetentionPolicy } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { HubConfig } from '../config/hub-config.js';
import { describeError } from '../errors/describe-error.js';
import { dueBy, policyOf, retentionSchedule, type RetentionDue, type RetentionKind } from './retention-plan.js';
import { RetentionRepository, type PurgeCounts } from './retention.repository.js';

/** How often the scheduled run looks for cases past their term; data are kept at most this much longer. */
const RUN_INTERVAL_MS = 60 * 60 * 1000;

/** Cases per transaction, so a large backlog never holds long locks. */
const PURGE_BATCH = 500;

/** Candidates read per query while making the schedule. */
const SCAN_PAGE = 5000;

export interface RetentionRunOptions {
  dryRun: boolean;
  /** Only this municipality; all when absent. */
  municipality?: string | null;
  /** Who runs it: the scheduler, or the operating-system user of the CLI. */
  actor: string;
  /** The Dutch calendar day the terms are judged on (tests pass one). */
  today?: string;
}

/** Per municipality, what was (or, in a dry run, would be) purged. */
export interface RetentionOutcome {
  municipality: string;
  policy: RetentionPolicy;
  due: Record<RetentionKind, number>;
  purged: PurgeCounts;
}

/**
 * Enforces the retention policies (DOMAIN.md "Privacy"): the personal data of cases past their term
 * are deleted, in transactions that also write the audit entry (case ids) and the retention_run
 * record. A dry run reads only. Runs hourly on every ingesting instance; instances running at once
 * lock the same cases and skip what another one purged.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RetentionRepository,
    private readonly audit: AuditService,
    @Optional() @Inject(HubConfig) private readonly config?: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config?.INGEST_ENABLED !== 'true') return;
    const run = () =>
      this.run({ dryRun: false, actor: 'signaalhub-retention' }).catch((error: unknown) =>
        this.logger.warn(`The retention run failed: ${describeError(error)}`),
      );
    void run();
    this.timer = setInterval(run, RUN_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** What is due by `today` per municipality; with `dryRun: false`, purged as well. */
  async run(options: RetentionRunOptions): Promise<RetentionOutcome[]> {
    const startedAt = new Date();
    const today = options.today ?? dutchDateOf(startedAt);
    const policies = await this.repository.policies();
    const due = dueBy(await this.schedule(options.municipality ?? null, policies), today);
    const byMunicipality = new Map<string, RetentionDue[]>();
    for (const d of due) byMunicipality.set(d.municipality, [...(byMunicipality.get(d.municipality) ?? []), d]);
    const outcomes: RetentionOutcome[] = [];
    for (const [municipality, cases] of [...byMunicipality].sort(([a], [b]) => a.localeCompare(b))) {
      const policy = policyOf(policies, municipality);
      const outcome: RetentionOutcome = {
        municipality,
        policy,
        due: {
          NEVER_PICKED_UP: cases.filter((c) => c.kind === 'NEVER_PICKED_UP').length,
          CLOSED_CASE: cases.filter((c) => c.kind === 'CLOSED_CASE').length,
        },
        purged: { cases: 0, signals: 0, households: 0, notes: 0 },
      };
      if (!options.dryRun) {
        for (let i = 0; i < cases.length; i += PURGE_BATCH) {
          const counts = await this.purgeBatch(
            cases.slice(i, i + PURGE_BATCH).map((c) => c.caseId),
            { municipality, policy, policies, today, startedAt, actor: options.actor },
          );
          for (const key of Object.keys(counts) as Array<keyof PurgeCounts>) outcome.purged[key] += counts[key];
        }
      }
      outcomes.push(outcome);
    }
    if (!options.dryRun && outcomes.some((o) => o.purged.cases > 0)) {
      this.logger.log(`Retention purged ${outcomes.reduce((n, o) => n + o.purged.cases, 0)} cases past their term`);
    }
    return outcomes;
  }

  /** Every case not yet purged whose term can run, with its due day. */
  async schedule(municipality: string | null, policies?: Map<string, RetentionPolicy>): Promise<RetentionDue[]> {
    const terms = policies ?? (await this.repository.policies());
    const schedule: RetentionDue[] = [];
    let after: { municipality: string; id: string } | null = null;
    for (;;) {
      const page = await this.repository.candidates(municipality, after, SCAN_PAGE);
      schedule.push(...retentionSchedule(page, terms));
      if (page.length < SCAN_PAGE) return schedule;
      const last = page[page.length - 1];
      after = { municipality: last.municipality, id: last.caseId };
    }
  }

  private async purgeBatch(
    caseIds: string[],
    run: {
      municipality: string;
      policy: RetentionPolicy;
      policies: Map<string, RetentionPolicy>;
      today: string;
      startedAt: Date;
      actor: string;
    },
  ): Promise<PurgeCounts> {
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.repository.lockCandidates(tx, caseIds);
      const still = dueBy(retentionSchedule(locked, run.policies), run.today).map((d) => d.caseId);
      if (still.length === 0) return { cases: 0, signals: 0, households: 0, notes: 0 };
      const counts = await this.repository.purge(tx, still);
      const runId = await this.repository.recordRun(tx, { ...run, counts });
      await this.audit.record(
        { subject: run.actor, roles: [], municipality: run.municipality, creditor: null },
        {
          action: 'RETENTION_PURGED',
          subjectType: 'case',
          subjectIds: still,
          detail: {
            retentionRunId: runId,
            unpickedSignalMonths: run.policy.unpickedSignalMonths,
            closedCaseMonths: run.policy.closedCaseMonths,
          },
        },
        tx,
      );
      return counts;
    });
  }
}
