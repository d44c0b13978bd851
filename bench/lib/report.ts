// Summary statistics, the plain-text table and a hand-written SVG bar chart (no dependency), and the
// results files every benchmark writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Summary {
  name: string;
  /** Seconds of each run, in run order. */
  seconds: number[];
  /** Signals per second of each run, in run order. */
  rates: number[];
  medianSeconds: number;
  medianRate: number;
  minRate: number;
  maxRate: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(name: string, count: number, seconds: number[]): Summary {
  const rates = seconds.map((s) => count / s);
  return {
    name,
    seconds,
    rates,
    medianSeconds: median(seconds),
    medianRate: median(rates),
    minRate: Math.min(...rates),
    maxRate: Math.max(...rates),
  };
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const secs = (n: number, digits = 2) => n.toFixed(digits);

/** A Markdown-style table with every column padded to its widest cell (numbers right-aligned). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => /^[\d.,×x—-]+$|^$/.test(r[i].replace(/[ ()%]/g, ''))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface Bar {
  label: string;
  value: number;
  note?: string;
  colour: string;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/**
 * Vertical bars of signals/s with the target as a dashed horizontal line. The axis is logarithmic:
 * the ceilings are tens of times the hub, and on a linear axis the hub and the target would vanish.
 */
export function barChartSvg(options: {
  title: string;
  subtitle: string;
  bars: Bar[];
  target: number;
  targetLabel: string;
  /** The value axis; default: median signals/s. */
  axisLabel?: string;
  /** How a value reads on the axis and its bar; default: a whole number with separators. */
  format?: (value: number) => string;
}): string {
  const { bars, target } = options;
  const axisLabel = options.axisLabel ?? 'median signals/s';
  const format = options.format ?? int;
  const width = 860;
  const height = 480;
  const margin = { top: 78, right: 30, bottom: 92, left: 92 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = [target, ...bars.map((b) => b.value)].filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...values) / 1.5));
  const high = Math.ceil(Math.log10(Math.max(...values) * 1.3));
  const y = (v: number) => margin.top + plotH - ((Math.log10(Math.max(v, 10 ** low)) - low) / (high - low)) * plotH;
  const ticks: number[] = [];
  for (let decade = low; decade < high; decade++) for (const m of [1, 2, 5]) ticks.push(m * 10 ** decade);
  ticks.push(10 ** high);
  const slot = plotW / bars.length;
  const barW = Math.min(120, slot * 0.6);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="30" font-size="18" font-weight="600" fill="#111">${escapeXml(options.title)}</text>`,
    `<text x="${margin.left}" y="52" font-size="12.5" fill="#555">${escapeXml(options.subtitle)}</text>`,
  );
  for (const v of ticks) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${margin.left}" y1="${yy}" x2="${width - margin.right}" y2="${yy}" stroke="${Number.isInteger(Math.log10(v)) ? '#d0d0d0' : '#eeeeee'}"/>`,
      `<text x="${margin.left - 8}" y="${yy}" dy="4" font-size="11" text-anchor="end" fill="#555">${format(v)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(22 ${margin.top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="#333">${escapeXml(axisLabel)} (log scale)</text>`,
    `<line x1="${margin.left}" y1="${y(10 ** low)}" x2="${width - margin.right}" y2="${y(10 ** low)}" stroke="#333"/>`,
  );
  bars.forEach((bar, i) => {
    const cx = margin.left + slot * i + slot / 2;
    const x = cx - barW / 2;
    const yTop = y(bar.value);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${yTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(10 ** low) - yTop).toFixed(1)}" fill="${bar.colour}"><title>${escapeXml(`${bar.label}: ${format(bar.value)}`)}</title></rect>`,
      `<text x="${cx.toFixed(1)}" y="${(yTop - 6).toFixed(1)}" font-size="12" font-weight="600" text-anchor="middle" fill="#111">${format(bar.value)}</text>`,
      `<text x="${cx.toFixed(1)}" y="${y(10 ** low) + 20}" font-size="12.5" text-anchor="middle" fill="#111">${escapeXml(bar.label)}</text>`,
    );
    if (bar.note) {
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${y(10 ** low) + 37}" font-size="11" text-anchor="middle" fill="#666">${escapeXml(bar.note)}</text>`,
      );
    }
  });
  const yt = y(target).toFixed(1);
  parts.push(
    `<line x1="${margin.left}" y1="${yt}" x2="${width - margin.right}" y2="${yt}" stroke="#d62728" stroke-width="2" stroke-dasharray="7 5"/>`,
    `<text x="${margin.left + 6}" y="${(y(target) - 7).toFixed(1)}" font-size="12" fill="#d62728" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(options.targetLabel)}</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

/** Where every benchmark writes its results (committed). */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Writes `bench/results/<name>-<stamp>.svg` and `.md`: a title, the chart, the facts of the run as a
 * list, then the body (tables, verdicts). Returns the path both share, without extension.
 */
export function writeResults(
  name: string,
  stamp: string,
  report: { title: string; svg: string; facts: string[]; body: string[] },
): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = join(RESULTS_DIR, `${name}-${stamp}`);
  writeFileSync(`${base}.svg`, report.svg);
  const md = [
    `# ${report.title} ${stamp}`,
    '',
    `![chart](${name}-${stamp}.svg)`,
    '',
    ...report.facts.map((f) => `- ${f}`),
  ];
  writeFileSync(`${base}.md`, [...md, '', ...report.body, ''].join('\n'));
  return base;
}
