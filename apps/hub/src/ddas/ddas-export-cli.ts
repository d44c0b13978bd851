// Writes a municipality's DDAS Vroegsignalering v1.2 delivery to CBS, each page validated first:
//   npm run ddas:export -- --municipality GM0363 --from YYYY-MM-DD --to YYYY-MM-DD [--out file.json]
// Pages go to file.json, file-2.json, … (or to stdout, one document a line). The export holds
// personal data: every page leaves audit rows, under the operating system user who ran it.
// environment: DATABASE_URL (the hub's database).
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { currentMunicipalityCode, DDAS_MAX_SIGNALS_PER_PAGE } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { appConnectionOptions } from '../database/roles.js';
import { HubException } from '../errors/hub-exception.js';
import { DdasExportRepository } from './ddas-export.repository.js';
import { DdasExporter } from './ddas-exporter.js';

const USAGE = `usage: npm run ddas:export -- --municipality GM0363 --from YYYY-MM-DD --to YYYY-MM-DD [--out file.json]
environment: DATABASE_URL (required)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        municipality: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (!values.municipality || !values.from || !values.to) fail('--municipality, --from and --to are required');
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is required');
const reference = loadReferenceData();
const municipality = currentMunicipalityCode(values.municipality, reference.mergers);
if (municipality === null || !reference.municipalities.has(municipality))
  fail(`${values.municipality} is not a municipality`);

/** file.json → file.json, file-2.json, file-3.json … */
function pageFile(out: string, page: number): string {
  if (page === 1) return out;
  const dot = out.toLowerCase().endsWith('.json') ? out.length - 5 : out.length;
  return `${out.slice(0, dot)}-${page}${out.slice(dot)}`;
}

const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 1, ...appConnectionOptions() } });
await dataSource.initialize();
try {
  const exporter = new DdasExporter(
    new DdasExportRepository(dataSource),
    new AuditService(new AuditRepository(dataSource)),
    reference,
  );
  const principal = {
    subject: `cli:${userInfo().username}`,
    roles: ['operator' as const],
    municipality,
    creditor: null,
  };
  // One delivery moment for all its pages.
  const now = new Date();
  for (let page = 1, pages = 1; page <= pages; page++) {
    const result = await exporter.page(principal, values.from, values.to, page, DDAS_MAX_SIGNALS_PER_PAGE, now);
    pages = result.pages;
    const json = JSON.stringify(result.document);
    if (values.out) {
      writeFileSync(pageFile(values.out, page), `${json}\n`);
      process.stderr.write(`${pageFile(values.out, page)}: ${result.signals} signals, ${result.cases} cases\n`);
    } else {
      process.stdout.write(`${json}\n`);
    }
  }
} catch (error) {
  if (!(error instanceof HubException)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 65;
} finally {
  await dataSource.destroy();
}
