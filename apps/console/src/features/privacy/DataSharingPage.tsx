import {
  Button,
  Heading1,
  Heading3,
  Paragraph,
  SelectOption,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import type { DataSharingGroupBy } from '../../gql/graphql';
import { formatDay, todayInNetherlands } from '../../i18n/format';
import { BarChart } from '../../ui/BarChart';
import { DataTable, Loading } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { lastYear, Section, SelectField, TextField } from '../../ui/fields';
import { DataSharingReportQuery } from './documents';
import { GROUPINGS } from './vocabulary';

/**
 * What the hub received, stored and refused for the municipality over a period, what data
 * minimisation dropped and what creditors were told, with the register of processing activities.
 */
export default function DataSharingPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [query, setQuery] = useState<{ from: string; to: string; groupBy: DataSharingGroupBy }>(() => ({
    ...lastYear(todayInNetherlands()),
    groupBy: 'CREDITOR',
  }));
  const [result] = useQuery({ query: DataSharingReportQuery, variables: query });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setQuery({
      from: String(form.get('from')),
      to: String(form.get('to')),
      groupBy: String(form.get('groupBy')) as DataSharingGroupBy,
    });
  };
  const report = result.data?.dataSharingReport;
  const keyLabel = (key: string | null | undefined) =>
    key == null ? t('sharing.noKey') : report?.groupBy === 'SECTOR' ? t(`sector.${key}`, { defaultValue: key }) : key;
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  return (
    <>
      <Heading1>{t('sharing.title')}</Heading1>
      <Paragraph>{t('sharing.intro')}</Paragraph>
      <form className="sh-filters" onSubmit={submit} aria-label={t('sharing.period')}>
        <TextField label={t('kpis.from')} name="from" type="date" required defaultValue={query.from} />
        <TextField label={t('kpis.to')} name="to" type="date" required defaultValue={query.to} />
        <SelectField label={t('sharing.groupBy')} name="groupBy" defaultValue={query.groupBy}>
          {GROUPINGS.map((grouping) => (
            <SelectOption key={grouping} value={grouping}>
              {t(`sharing.by.${grouping}`)}
            </SelectOption>
          ))}
        </SelectField>
        <Button type="submit" appearance="secondary-action-button">
          {t('kpis.show')}
        </Button>
      </form>
      <ErrorAlert error={result.error} subject="period" />
      {!report && !result.error && <Loading />}
      {report && (
        <>
          <Paragraph>
            {t('sharing.periodShown', {
              municipality: report.municipality ?? t('sharing.hub'),
              from: formatDay(report.from, language),
              to: formatDay(report.to, language),
            })}
          </Paragraph>
          <dl className="sh-kpi-tiles">
            <div className="sh-kpi-tile">
              <dt>{t('sharing.received')}</dt>
              <dd>{number(report.totals.received)}</dd>
            </div>
            <div className="sh-kpi-tile">
              <dt>{t('sharing.stored')}</dt>
              <dd>{number(report.totals.stored)}</dd>
            </div>
            <div className="sh-kpi-tile">
              <dt>{t('sharing.accepted')}</dt>
              <dd>{number(report.totals.accepted)}</dd>
            </div>
            <div className="sh-kpi-tile">
              <dt>{t('sharing.refused')}</dt>
              <dd>{number(report.totals.refused)}</dd>
            </div>
          </dl>
          <Section title={t('sharing.chartTitle', { by: t(`sharing.byLower.${report.groupBy}`) })}>
            {report.rows.length === 0 ? (
              <Paragraph>{t('sharing.empty')}</Paragraph>
            ) : (
              <BarChart
                title={t('sharing.chart', { by: t(`sharing.byLower.${report.groupBy}`) })}
                summary={t('sharing.chartSummary', {
                  received: report.totals.received,
                  stored: report.totals.stored,
                  refused: report.totals.refused,
                  groups: report.rows.length,
                })}
                categories={report.rows.map((row) => keyLabel(row.key))}
                series={[
                  { label: t('sharing.stored'), values: report.rows.map((row) => row.stored) },
                  { label: t('sharing.refused'), values: report.rows.map((row) => row.refused) },
                ]}
                format={number}
                horizontal
                stacked
                integer
              />
            )}
          </Section>
          {report.rows.some((row) => row.refusedByReason.length > 0 || row.droppedFields.length > 0) && (
            <Section title={t('sharing.detailsTitle')}>
              <DataTable
                caption={t('sharing.detailsTitle')}
                columns={[t(`sharing.by.${report.groupBy}`), t('sharing.refusedBy'), t('sharing.dropped')]}
              >
                {report.rows.map((row) => (
                  <TableRow key={row.key ?? 'none'}>
                    <TableHeaderCell scope="row">{keyLabel(row.key)}</TableHeaderCell>
                    <TableCell>
                      {row.refusedByReason.map((r) => `${r.label}: ${number(r.count)}`).join(', ') ||
                        t('format.notSet')}
                    </TableCell>
                    <TableCell>
                      {row.droppedFields.map((r) => `${r.label}: ${number(r.count)}`).join(', ') || t('format.notSet')}
                    </TableCell>
                  </TableRow>
                ))}
              </DataTable>
            </Section>
          )}
          <Section title={t('sharing.feedbackTitle')}>
            {report.totals.feedbackByKind.length === 0 ? (
              <Paragraph>{t('sharing.noFeedback')}</Paragraph>
            ) : (
              <ul>
                {report.totals.feedbackByKind.map((f) => (
                  <li key={`${f.status}-${f.reasonCode ?? ''}`}>
                    {t(`feedbackStatus.${f.status}`, { defaultValue: f.status })}
                    {f.reasonCode ? ` (${f.reasonCode})` : ''}: {number(f.count)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('sharing.registerTitle')}>
            {report.register.map((activity) => (
              <article key={activity.code} className="sh-card">
                <Heading3>{activity.name}</Heading3>
                <dl className="sh-dl">
                  <dt>{t('sharing.purpose')}</dt>
                  <dd>{activity.purpose}</dd>
                  <dt>{t('sharing.legalBasis')}</dt>
                  <dd>{activity.legalBasis}</dd>
                  <dt>{t('sharing.retention')}</dt>
                  <dd>{activity.retention}</dd>
                  <dt>{t('sharing.recipients')}</dt>
                  <dd>{activity.currentRecipients.join(', ') || t('format.notSet')}</dd>
                </dl>
              </article>
            ))}
          </Section>
        </>
      )}
    </>
  );
}
