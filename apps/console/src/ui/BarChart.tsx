import { TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from './DataTable';

export interface BarSeries {
  label: string;
  values: number[];
}

export interface BarChartProps {
  /** The chart's title: its figure caption, and the caption of the table of its figures. */
  title: string;
  /** One sentence a screen reader hears for the picture; the table below carries every figure. */
  summary: string;
  categories: string[];
  series: BarSeries[];
  /** How a value reads in the table and on the axis, e.g. a percentage. */
  format?: (value: number) => string;
  horizontal?: boolean;
  stacked?: boolean;
  max?: number;
  /** Counts: the value axis shows whole numbers only. */
  integer?: boolean;
}

/**
 * Colours from the design token theme, so a municipality's own tokens colour the charts too: text and
 * border colours, which the theme keeps at a contrast a bar needs against the page (WCAG 1.4.11).
 */
const TOKEN_COLOURS: Array<[string, string]> = [
  ['--basis-color-accent-1-color-default', '#154273'],
  ['--basis-color-warning-border-default', '#ac501b'],
  ['--basis-color-positive-border-default', '#157b31'],
  ['--basis-color-info-border-default', '#006fb3'],
];

function themeColours(): { bars: string[]; text: string; grid: string } {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    bars: TOKEN_COLOURS.map(([name, fallback]) => read(name, fallback)),
    text: read('--basis-color-default-color-document', '#1a1a1a'),
    grid: read('--basis-color-default-border-subtle', '#d0d0d0'),
  };
}

/**
 * A bar chart with its figures as a table beside it. Chart.js is loaded when the first chart is
 * shown, never with the console's first page; the canvas is a picture with a one-line summary, and
 * the table is what assistive technology and print read.
 */
export function BarChart({
  title,
  summary,
  categories,
  series,
  format,
  horizontal,
  stacked,
  max,
  integer,
}: BarChartProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const captionId = useId();
  const show = format ?? ((value: number) => String(value));
  const data = JSON.stringify({ categories, series });

  useEffect(() => {
    let cancelled = false;
    let chart: { destroy(): void } | null = null;
    import('./chart-library')
      .then(({ Chart }) => {
        if (cancelled || !canvas.current) return;
        const colours = themeColours();
        const parsed = JSON.parse(data) as { categories: string[]; series: BarSeries[] };
        chart = new Chart(canvas.current, {
          type: 'bar',
          data: {
            labels: parsed.categories,
            datasets: parsed.series.map((s, i) => ({
              label: s.label,
              data: s.values,
              backgroundColor: colours.bars[i % colours.bars.length],
              maxBarThickness: 56,
            })),
          },
          options: {
            indexAxis: horizontal ? 'y' : 'x',
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: {
              legend: { display: parsed.series.length > 1, labels: { color: colours.text } },
              tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${show(Number(item.raw))}` } },
            },
            scales: {
              x: {
                stacked,
                ticks: {
                  color: colours.text,
                  ...(horizontal ? { callback: (v) => show(Number(v)), ...(integer ? { precision: 0 } : {}) } : {}),
                },
                grid: { color: colours.grid },
                ...(horizontal && max !== undefined ? { max } : {}),
              },
              y: {
                stacked,
                beginAtZero: true,
                ticks: {
                  color: colours.text,
                  ...(horizontal ? {} : { callback: (v) => show(Number(v)), ...(integer ? { precision: 0 } : {}) }),
                },
                grid: { color: colours.grid },
                ...(!horizontal && max !== undefined ? { max } : {}),
              },
            },
          },
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // `show` and `format` follow the language, which `t` follows.
  }, [data, horizontal, stacked, max, integer, t]);

  const height = horizontal ? Math.max(160, categories.length * 36 + 60) : 280;
  return (
    <figure className="sh-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="sh-chart__title">
        {title}
      </figcaption>
      {/* A style property set through the DOM, which the CSP allows (it refuses style attributes in markup). */}
      <div className="sh-chart__canvas" style={{ blockSize: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      {failed && <p className="sh-chart__failed">{t('charts.failed')}</p>}
      <DataTable
        caption={t('charts.figuresOf', { title })}
        className="sh-chart__table"
        columns={[t('charts.category'), ...series.map((s) => ({ label: s.label, numeric: true as const }))]}
      >
        {categories.map((category, row) => (
          <TableRow key={category}>
            <TableHeaderCell scope="row">{category}</TableHeaderCell>
            {series.map((s) => (
              <TableCell className="sh-number" key={s.label}>
                {show(s.values[row] ?? 0)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </DataTable>
    </figure>
  );
}
