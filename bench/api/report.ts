// The API benchmark's table and its Markdown results file (with the plans of each query's SQL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChartSvg, int, textTable } from '../lib/report.js';
import { percentile, type LoadResult } from './load.js';
import type { Query } from './queries.js';
import type { SeedCounts } from './seed.js';
import type { Statement } from './explain.js';
import { RESULTS_DIR } from './support.js';

export interface Measured {
  query: Query;
  baseline: LoadResult;
  loaded: LoadResult;
  statements: Statement[];
}

const ms = (n: number) =>
  Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString();

export function resultTable(measured: Measured[]): string {
  const rows: string[][] = [];
  for (const m of measured) {
    const baseP50 = percentile(m.baseline.latencies, 50);
    for (const run of [m.baseline, m.loaded]) {
      const p50 = percentile(run.latencies, 50);
      const p95 = percentile(run.latencies, 95);
      rows.push([
        m.query.key,
        String(run.clients),
        int(run.latencies.length),
        ms(p50),
        ms(p95),
        ms(percentile(run.latencies, 99)),
        (run.latencies.length / run.seconds).toFixed(1),
        run === m.baseline ? '1.0' : (p50 / baseP50).toFixed(1),
        String(m.query.targetP95Ms),
        run === m.baseline ? '' : p95 <= m.query.targetP95Ms && run.errors === 0 ? 'yes' : 'no',
        String(run.errors),
      ]);
    }
  }
  return textTable(
    [
      'query',
      'clients',
      'requests',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'req/s',
      'p50 × 1 client',
      'target p95 ms',
      'met',
      'errors',
    ],
    rows,
  );
}

export function writeResults(options: {
  stamp: string;
  machine: string;
  postgres: string;
  seeded: SeedCounts;
  measured: Measured[];
  notes: string[];
}): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `api-${options.stamp}.md`);
  const lines = [
    `# API benchmark ${options.stamp}`,
    '',
    `- machine: ${options.machine}`,
    `- postgres: ${options.postgres}`,
    `- stored: ${int(options.seeded.signals)} signals, ${int(options.seeded.households)} households, ${int(options.seeded.cases)} cases ` +
      `(${int(options.seeded.largeMunicipalityCases)} in GM0363), ${int(options.seeded.contactAttempts)} contact attempts; ` +
      `generated in ${options.seeded.seconds.toFixed(0)} s`,
    ...options.notes.map((n) => `- ${n}`),
    '',
    `![p95 against target](api-${options.stamp}.svg)`,
    '',
    resultTable(options.measured),
    '',
  ];
  writeFileSync(join(RESULTS_DIR, `api-${options.stamp}.svg`), p95Chart(options.stamp, options.measured));
  for (const m of options.measured) {
    if (m.loaded.firstError ?? m.baseline.firstError) {
      lines.push(`First error of ${m.query.key}: \`${m.loaded.firstError ?? m.baseline.firstError}\``, '');
    }
  }
  lines.push('## Plans', '', 'The statements one request issues, with `EXPLAIN (ANALYZE, BUFFERS)` of each read.', '');
  for (const m of options.measured) {
    lines.push(`### ${m.query.key}: ${m.query.label}`, '');
    m.statements.forEach((s, i) => {
      const params = JSON.stringify(s.params, (_k, v: unknown) =>
        Array.isArray(v) && v.length > 5 ? [...v.slice(0, 5), `… ${v.length} in all`] : v,
      );
      lines.push(`#### ${i + 1}.`, '', '```sql', s.sql.trim(), '```', '', `parameters: \`${params}\``, '');
      lines.push(s.plan === null ? '(a write or a lock: not explained)' : ['```', s.plan, '```'].join('\n'), '');
    });
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Each request's p95 as a multiple of its target (one scale for targets of 10 ms to 1 s): 1× is met. */
function p95Chart(stamp: string, measured: Measured[]): string {
  return barChartSvg({
    title: 'Signaalhub API: p95 latency as a multiple of its target',
    subtitle: `1 and ${measured[0]?.loaded.clients ?? '?'} clients · ${stamp}`,
    target: 1,
    targetLabel: 'target (1×)',
    axisLabel: 'p95 ÷ target',
    format: (v) => `${v < 1 ? v.toFixed(2) : v < 10 ? v.toFixed(1) : Math.round(v)}×`,
    bars: measured.flatMap((m) =>
      [m.baseline, m.loaded].map((run) => {
        const p95 = percentile(run.latencies, 95);
        return {
          label: `${m.query.key}, ${run.clients} cl.`,
          value: p95 / m.query.targetP95Ms,
          note: `p95 ${ms(p95)} ms`,
          colour: run === m.baseline ? '#1f77b4' : '#ff7f0e',
        };
      }),
    ),
  });
}
