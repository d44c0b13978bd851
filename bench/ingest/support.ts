// What every part of the ingest benchmark shares: where it writes, how it prints, small helpers.
import os from 'node:os';
import pg from 'pg';
import type { CpuSample } from '../lib/cpu.js';
import { secs } from '../lib/report.js';

export { REPO_ROOT, RESULTS_DIR } from '../lib/report.js';

/** Everything the benchmark printed, kept for the Markdown report beside the JSON and the chart. */
export const transcript: string[] = [];
export const say = (message = '') => {
  transcript.push(message);
  process.stdout.write(`${message}\n`);
};

/** The transcript as Markdown: a table after a text line needs a blank line to be a table. */
export function transcriptMarkdown(title: string, chartFile: string): string {
  const lines = [`# ${title}`, '', `![chart](${chartFile})`, ''];
  for (const line of transcript) {
    if (line.startsWith('|') && !(lines.at(-1) ?? '').startsWith('|') && lines.at(-1) !== '') lines.push('');
    lines.push(line.startsWith('|') || line === '' ? line : `${line}  `);
  }
  return `${lines.join('\n')}\n`;
}
export const now = () => performance.now();

export async function queryOne(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows.length > 0 ? String(Object.values(rows[0] as Record<string, unknown>)[0]) : '';
  } finally {
    await client.end();
  }
}

export function medianOf(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function cpuText(cpu: CpuSample, wallSeconds: number): string {
  const parts = [`node ${secs(cpu.node, 1)}`];
  if (cpu.postgres !== undefined) parts.push(`postgres ${secs(cpu.postgres, 1)}`);
  if (cpu.kafka !== undefined) parts.push(`kafka ${secs(cpu.kafka, 1)}`);
  const cores = os.availableParallelism();
  return `${parts.join(', ')} of ${secs(wallSeconds * cores, 1)} available (${cores} cores × ${secs(wallSeconds, 1)} s wall)`;
}
