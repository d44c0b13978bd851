import {
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDay, formatMoment } from '../../i18n/format';
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
      {!report && !result.error && <Paragraph>{t('app.loading')}</Paragraph>}
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
              <div className="sh-table-wrap">
                <Table>
                  <TableCaption className="sh-visually-hidden">{t('retention.dueTitle')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('retention.dueOn')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('retention.kind')}</TableHeaderCell>
                      <TableHeaderCell scope="col" className="sh-number">
                        {t('retention.cases')}
                      </TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {report.due.map((due) => (
                      <TableRow key={`${due.kind}-${due.dueOn}`}>
                        <TableCell>{formatDay(due.dueOn, language)}</TableCell>
                        <TableCell>{t(`retentionKind.${due.kind}`)}</TableCell>
                        <TableCell className="sh-number">{due.count}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </Section>
          <Section title={t('retention.runsTitle')}>
            {report.runs.edges.length === 0 ? (
              <Paragraph>{t('retention.noRuns')}</Paragraph>
            ) : (
              <div className="sh-table-wrap">
                <Table>
                  <TableCaption className="sh-visually-hidden">{t('retention.runsTitle')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('retention.finishedAt')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('retention.actor')}</TableHeaderCell>
                      <TableHeaderCell scope="col" className="sh-number">
                        {t('retention.cases')}
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className="sh-number">
                        {t('retention.signals')}
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className="sh-number">
                        {t('retention.notes')}
                      </TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {report.runs.edges.map(({ node }) => (
                      <TableRow key={node.id}>
                        <TableCell>{formatMoment(node.finishedAt, language)}</TableCell>
                        <TableCell>{node.actor}</TableCell>
                        <TableCell className="sh-number">{node.casesPurged}</TableCell>
                        <TableCell className="sh-number">{node.signalsPurged}</TableCell>
                        <TableCell className="sh-number">{node.notesDeleted}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </Section>
        </>
      )}
    </>
  );
}
