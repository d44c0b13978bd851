import { Heading1, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDay, formatMoment } from '../../i18n/format';
import { DataTable, Loading } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section } from '../../ui/fields';
import { RetentionReportQuery } from './documents';

/** The retention terms of the municipality, what is due for deletion when, and what was purged. */
export default function RetentionPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [result] = useQuery({ query: RetentionReportQuery, variables: { first: 20 }, requestPolicy: 'network-only' });
  const report = result.data?.retentionReport;
  return (
    <>
      <Heading1>{t('retention.title')}</Heading1>
      <Paragraph>{t('retention.intro')}</Paragraph>
      <ErrorAlert error={result.error} />
      {!report && !result.error && <Loading />}
      {report && (
        <>
          <Section title={t('retention.policyTitle')}>
            {report.policy ? (
              <dl className="sh-dl">
                <dt>{t('retention.closedCase')}</dt>
                <dd>{t('retention.months', { count: report.policy.closedCaseMonths })}</dd>
                <dt>{t('retention.unpicked')}</dt>
                <dd>{t('retention.months', { count: report.policy.unpickedSignalMonths })}</dd>
                <dt>{t('retention.source')}</dt>
                <dd>{t(report.policy.isDefault ? 'retention.isDefault' : 'retention.isOwn')}</dd>
                <dt>{t('retention.today')}</dt>
                <dd>{formatDay(report.today, language)}</dd>
              </dl>
            ) : (
              <Paragraph>{t('retention.hubWide')}</Paragraph>
            )}
          </Section>
          <Section title={t('retention.dueTitle')}>
            <Paragraph className={report.overdue > 0 ? 'sh-warning' : undefined}>
              {t('retention.overdue', { count: report.overdue })}
            </Paragraph>
            {report.due.length === 0 ? (
              <Paragraph>{t('retention.nothingDue')}</Paragraph>
            ) : (
              <DataTable
                caption={t('retention.dueTitle')}
                columns={[t('retention.dueOn'), t('retention.kind'), { label: t('retention.cases'), numeric: true }]}
              >
                {report.due.map((due) => (
                  <TableRow key={`${due.kind}-${due.dueOn}`}>
                    <TableCell>{formatDay(due.dueOn, language)}</TableCell>
                    <TableCell>{t(`retentionKind.${due.kind}`)}</TableCell>
                    <TableCell className="sh-number">{due.count}</TableCell>
                  </TableRow>
                ))}
              </DataTable>
            )}
          </Section>
          <Section title={t('retention.runsTitle')}>
            {report.runs.edges.length === 0 ? (
              <Paragraph>{t('retention.noRuns')}</Paragraph>
            ) : (
              <DataTable
                caption={t('retention.runsTitle')}
                columns={[
                  t('retention.finishedAt'),
                  t('retention.actor'),
                  { label: t('retention.cases'), numeric: true },
                  { label: t('retention.signals'), numeric: true },
                  { label: t('retention.notes'), numeric: true },
                ]}
              >
                {report.runs.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableCell>{formatMoment(node.finishedAt, language)}</TableCell>
                    <TableCell>{node.actor}</TableCell>
                    <TableCell className="sh-number">{node.casesPurged}</TableCell>
                    <TableCell className="sh-number">{node.signalsPurged}</TableCell>
                    <TableCell className="sh-number">{node.notesDeleted}</TableCell>
                  </TableRow>
                ))}
              </DataTable>
            )}
          </Section>
        </>
      )}
    </>
  );
}
