// Enforces the retention policies now, as the hub's hourly run does:
//   npm run retention -- [--dry-run [--as-of YYYY-MM-DD]] [--municipality GM0363]
// A dry run lists what is due (by today, or by the day given) and changes nothing. Every purge is audited (case ids) and recorded as
// a retention run, under the operating system user who ran it.
// environment: DATABASE_URL (the hub's database).
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { currentMunicipalityCode, isCalendarDate } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { appConnectionOptions } from '../database/roles.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

const USAGE = `usage: npm run retention -- [--dry-run [--as-of YYYY-MM-DD]] [--municipality GM0363]
environment: DATABASE_URL (required)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        'as-of': { type: 'string' },
        municipality: { type: 'string' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
// Judging by another day only ever previews: a real run deletes by today's terms, never earlier.
const asOf = values['as-of'];
if (asOf !== undefined && !values['dry-run']) fail('--as-of needs --dry-run');
if (asOf !== undefined && !isCalendarDate(asOf)) fail(`${asOf} is not a date (YYYY-MM-DD)`);
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is required');
let municipality: string | null = null;
if (values.municipality !== undefined) {
  const reference = loadReferenceData();
  municipality = currentMunicipalityCode(values.municipality, reference.mergers);
  if (municipality === null || !reference.municipalities.has(municipality))
    fail(`${values.municipality} is not a municipality`);
}

const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 1, ...appConnectionOptions() } });
await dataSource.initialize();
try {
  const service = new RetentionService(
    dataSource,
    new RetentionRepository(dataSource),
    new AuditService(new AuditRepository(dataSource)),
  );
  const dryRun = values['dry-run'];
  const outcomes = await service.run({ dryRun, municipality, actor: `cli:${userInfo().username}`, today: asOf });
  process.stdout.write(
    `${'municipality'.padEnd(12)} ${'policy'.padEnd(8)} ${'unpicked'.padStart(8)} ${'closed'.padStart(7)} ` +
      `${'cases'.padStart(7)} ${'signals'.padStart(8)} ${'households'.padStart(10)} ${'notes'.padStart(6)}\n`,
  );
  for (const o of outcomes) {
    const policy = `${o.policy.unpickedSignalMonths}/${o.policy.closedCaseMonths}m`;
    process.stdout.write(
      `${o.municipality.padEnd(12)} ${policy.padEnd(8)} ${String(o.due.NEVER_PICKED_UP).padStart(8)} ` +
        `${String(o.due.CLOSED_CASE).padStart(7)} ${String(o.purged.cases).padStart(7)} ` +
        `${String(o.purged.signals).padStart(8)} ${String(o.purged.households).padStart(10)} ${String(o.purged.notes).padStart(6)}\n`,
    );
  }
  if (outcomes.length === 0) process.stdout.write('nothing is due\n');
  if (dryRun) process.stdout.write('dry run: nothing was deleted\n');
} finally {
  await dataSource.destroy();
}
