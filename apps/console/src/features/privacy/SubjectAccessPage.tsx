import { Button, Heading1, Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError } from 'urql';
import type { SubjectAccessQuery as SubjectAccessResult } from '../../gql/graphql';
import { formatAddress, formatCents, formatDay, formatMoment } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section, TextField } from '../../ui/fields';
import { SubjectAccessQuery } from './documents';

type Report = SubjectAccessResult['subjectAccess'];

/**
 * A subject access request (AVG art. 15): everything the municipality holds about one person and
 * every access to it, as a report to print or save as PDF for the person. Asked for on submit only
 * (each request is audited), afresh each time, and shown only while this page is open.
 */
export default function SubjectAccessPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    const result = await client
      .query(
        SubjectAccessQuery,
        {
          person: {
            surname: text('surname'),
            birthDate: text('birthDate'),
            postcode: text('postcode').replace(/\s+/g, '').toUpperCase(),
            houseNumber: Number(text('houseNumber')),
          },
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setBusy(false);
    setError(result.error ?? null);
    setReport(result.data?.subjectAccess ?? null);
  };
  return (
    <>
      <div className="sh-no-print">
        <Heading1>{t('subject.title')}</Heading1>
        <Paragraph>{t('subject.intro')}</Paragraph>
        <form className="sh-filters" onSubmit={submit} aria-label={t('subject.person')}>
          <TextField label={t('subject.surname')} name="surname" required autoComplete="off" />
          <TextField label={t('subject.birthDate')} name="birthDate" type="date" required />
          <TextField label={t('subject.postcode')} name="postcode" required autoComplete="off" />
          <TextField label={t('subject.houseNumber')} name="houseNumber" type="number" min={1} required />
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('subject.search')}
          </Button>
        </form>
        <ErrorAlert error={error} subject="subject" />
      </div>
      {report && <SubjectReport report={report} />}
    </>
  );
}

function SubjectReport({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const nothing = report.signals.length === 0 && report.cases.length === 0;
  return (
    <article className="sh-report" aria-labelledby="subject-report">
      <Heading2 id="subject-report">{t('subject.reportTitle', { municipality: report.municipality })}</Heading2>
      <Paragraph>{t('subject.generatedAt', { moment: formatMoment(report.generatedAt, language) })}</Paragraph>
      <Paragraph>{t('subject.reportIntro')}</Paragraph>
      <div className="sh-button-row sh-no-print">
        <Button appearance="secondary-action-button" onClick={() => window.print()}>
          {t('subject.print')}
        </Button>
      </div>
      {report.objectionRecorded && <Paragraph>{t('subject.objection')}</Paragraph>}
      {nothing && <Paragraph>{t('subject.nothing')}</Paragraph>}
      {report.signals.length > 0 && (
        <ReportSection title={t('subject.signals', { count: report.signals.length })}>
          {report.signals.map((signal) => (
            <div key={signal.id} className="sh-card sh-report__item">
              <dl className="sh-dl">
                <dt>{t('detail.signal.creditor')}</dt>
                <dd>{signal.creditorId}</dd>
                <dt>{t('detail.signal.sector')}</dt>
                <dd>{t(`sector.${signal.sector}`, { defaultValue: signal.sector })}</dd>
                <dt>{t('detail.signal.person')}</dt>
                <dd>
                  {[signal.initials, signal.firstNames, signal.surnamePrefix, signal.surname].filter(Boolean).join(' ')}
                  {signal.birthDate ? `, ${formatDay(signal.birthDate, language)}` : ''}
                </dd>
                <dt>{t('detail.address')}</dt>
                <dd>
                  {formatAddress(signal)} ({signal.postcode})
                </dd>
                <dt>{t('detail.signal.contact')}</dt>
                <dd>{[signal.phone, signal.email].filter(Boolean).join(', ') || t('format.notSet')}</dd>
                <dt>{t('detail.signal.amount')}</dt>
                <dd>{formatCents(signal.amountCents, language)}</dd>
                <dt>{t('detail.signal.arrearsSince')}</dt>
                <dd>{formatDay(signal.arrearsSince, language)}</dd>
                <dt>{t('detail.signal.signalDate')}</dt>
                <dd>{formatDay(signal.signalDate, language)}</dd>
                <dt>{t('detail.signal.status')}</dt>
                <dd>{t(`signalStatus.${signal.status}`, { defaultValue: signal.status })}</dd>
              </dl>
            </div>
          ))}
        </ReportSection>
      )}
      {report.cases.length > 0 && (
        <ReportSection title={t('subject.cases', { count: report.cases.length })}>
          <ReportTable
            caption={t('subject.cases', { count: report.cases.length })}
            columns={[t('detail.status'), t('detail.openedAt'), t('detail.closedAt'), t('detail.result')]}
            rows={report.cases.map((c) => ({
              key: c.id,
              cells: [
                t(`status.${c.status}`, { defaultValue: c.status }),
                formatMoment(c.openedAt, language),
                formatMoment(c.closedAt, language),
                c.result ? t(`result.${c.result}.label`, { defaultValue: c.result }) : t('format.notSet'),
              ],
            }))}
          />
        </ReportSection>
      )}
      {report.contactAttempts.length > 0 && (
        <ReportSection title={t('detail.contactAttempts')}>
          <ReportTable
            caption={t('detail.contactAttempts')}
            columns={[t('contact.date'), t('contact.kind'), t('contact.dayPart'), t('contact.reached')]}
            rows={report.contactAttempts.map((a) => ({
              key: a.id,
              cells: [
                formatDay(a.date, language),
                t(`contactKind.${a.kind}`, { defaultValue: a.kind }),
                a.dayPart ? t(`dayPart.${a.dayPart}`, { defaultValue: a.dayPart }) : t('format.notSet'),
                t(a.reached ? 'contact.reachedYes' : 'contact.reachedNo'),
              ],
            }))}
          />
        </ReportSection>
      )}
      {report.notes.length > 0 && (
        <ReportSection title={t('detail.notes')}>
          {report.notes.map((note) => (
            <div key={note.id} className="sh-card sh-report__item">
              <Paragraph className="sh-explanation">
                {t('detail.noteBy', { author: note.author, date: formatMoment(note.createdAt, language) })}
              </Paragraph>
              <Paragraph>{note.text}</Paragraph>
            </div>
          ))}
        </ReportSection>
      )}
      <ReportSection title={t('subject.accesses', { count: report.accesses.length })}>
        {report.accesses.length === 0 ? (
          <Paragraph>{t('subject.noAccesses')}</Paragraph>
        ) : (
          <ReportTable
            caption={t('subject.accesses', { count: report.accesses.length })}
            columns={[t('audit.columns.when'), t('audit.columns.who'), t('audit.columns.action')]}
            rows={report.accesses.map((a) => ({
              key: a.id,
              cells: [
                formatMoment(a.occurredAt, language),
                `${a.actor} (${t(`roles.${a.actorRole}`, { defaultValue: a.actorRole })})`,
                t(`auditAction.${a.action}`, { defaultValue: a.action }),
              ],
            }))}
          />
        )}
        {report.accessesTruncated && <Paragraph>{t('subject.truncated')}</Paragraph>}
      </ReportSection>
    </article>
  );
}

function ReportSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Section title={title} className="sh-report__section">
      {children}
    </Section>
  );
}

function ReportTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: Array<{ key: string; cells: string[] }>;
}) {
  return (
    <DataTable caption={caption} columns={columns}>
      {rows.map((row) => (
        <TableRow key={row.key}>
          {row.cells.map((cell, i) => (
            <TableCell key={i}>{cell}</TableCell>
          ))}
        </TableRow>
      ))}
    </DataTable>
  );
}
