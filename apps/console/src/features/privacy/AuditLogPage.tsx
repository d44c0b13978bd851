import {
  Alert,
  Button,
  Heading1,
  Paragraph,
  SelectOption,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useClient, useQuery, type CombinedError } from 'urql';
import { useAuth } from '../../auth/AuthContext';
import type { AuditLogFilter, ProcessingActivityCode, VerifyAuditLogQuery as VerifyResult } from '../../gql/graphql';
import { formatMoment } from '../../i18n/format';
import { DataTable, Loading, MoreButton, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section, SelectField, TextField } from '../../ui/fields';
import { AuditLogQuery, VerifyAuditLogQuery } from './documents';
import { ACTIVITIES } from './vocabulary';

const PAGE_SIZE = 50;

/** The start of a Dutch calendar day as the hub's DateTime (the browser runs on the Dutch clock). */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const startOfNextDay = (day: string) => new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString();

function readFilter(params: URLSearchParams): AuditLogFilter {
  const get = (name: string) => params.get(name)?.trim() || undefined;
  const activity = get('activiteit');
  const from = get('van');
  const to = get('tot');
  return {
    ...(get('casus') ? { caseId: get('casus') } : {}),
    ...(get('wie') ? { actor: get('wie') } : {}),
    ...(activity && (ACTIVITIES as readonly string[]).includes(activity)
      ? { activity: activity as ProcessingActivityCode }
      : {}),
    ...(from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? { from: startOfDay(from) } : {}),
    ...(to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? { to: startOfNextDay(to) } : {}),
  };
}

/**
 * The audit trail of the municipality: who did what with which data, newest first, searchable by
 * case, person and activity (kept in the address), and the check of its hash chain.
 */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const [after, setAfter] = useState<string | null>(null);
  const [result] = useQuery({
    query: AuditLogQuery,
    variables: { first: PAGE_SIZE, after, filter },
    requestPolicy: 'network-only',
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['casus', 'wie', 'activiteit', 'van', 'tot']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setAfter(null);
    setParams(next);
  };
  const log = result.data?.auditLog;
  return (
    <>
      <Heading1>{t('audit.title')}</Heading1>
      <Paragraph>{t('audit.intro')}</Paragraph>
      <VerifyChain />
      <Section title={t('audit.searchTitle')}>
        <form className="sh-filters" onSubmit={onSubmit} aria-label={t('audit.search')} key={params.toString()}>
          <TextField label={t('audit.caseId')} name="casus" defaultValue={params.get('casus') ?? ''} />
          <TextField label={t('audit.actor')} name="wie" defaultValue={params.get('wie') ?? ''} />
          <SelectField label={t('audit.activity')} name="activiteit" defaultValue={params.get('activiteit') ?? ''}>
            <SelectOption value="">{t('cases.any')}</SelectOption>
            {ACTIVITIES.map((activity) => (
              <SelectOption key={activity} value={activity}>
                {t(`activity.${activity}`)}
              </SelectOption>
            ))}
          </SelectField>
          <TextField label={t('audit.from')} name="van" type="date" defaultValue={params.get('van') ?? ''} />
          <TextField label={t('audit.to')} name="tot" type="date" defaultValue={params.get('tot') ?? ''} />
          <Button type="submit" appearance="secondary-action-button">
            {t('audit.searchButton')}
          </Button>
        </form>
        <ErrorAlert error={result.error} subject="audit" />
        {log && log.edges.length === 0 && <Paragraph>{t('audit.empty')}</Paragraph>}
        {log && log.edges.length > 0 && (
          <DataTable
            caption={t('audit.caption')}
            className="sh-audit-table"
            columns={[
              { label: t('audit.columns.sequence'), numeric: true },
              t('audit.columns.when'),
              t('audit.columns.who'),
              t('audit.columns.action'),
              t('audit.columns.subject'),
              t('audit.columns.activity'),
            ]}
          >
            {log.edges.map(({ node }) => (
              <TableRow key={node.id} data-audit-action={node.action} data-audit-actor={node.actor}>
                <TableCell className="sh-number">{node.sequence}</TableCell>
                <TableCell>{formatMoment(node.occurredAt, i18n.language)}</TableCell>
                <TableCell>
                  {node.actor}
                  <span className="sh-subtle"> ({roleNames(node.actorRole, t)})</span>
                </TableCell>
                <TableCell>{t(`auditAction.${node.action}`, { defaultValue: node.action })}</TableCell>
                <TableCell className="sh-break">
                  {node.subjectType} {node.subjectId}
                </TableCell>
                <TableCell>{t(`activity.${node.activity}`)}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
        {log && (
          <MoreButton pageInfo={log.pageInfo} onMore={setAfter}>
            {t('audit.more')}
          </MoreButton>
        )}
        {!log && !result.error && <Loading />}
      </Section>
    </>
  );
}

function roleNames(roles: string, t: TFunction): string {
  return roles
    .split(',')
    .map((role) => t(`roles.${role.trim()}`, { defaultValue: role.trim() }))
    .join(', ');
}

/** Recomputes the hash chain of the municipality's trail: any changed or removed entry is named. */
function VerifyChain() {
  const { t } = useTranslation();
  const client = useClient();
  const municipality = useAuth().session?.municipality ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [verification, setVerification] = useState<VerifyResult['verifyAuditLog'] | null>(null);
  const verify = async () => {
    setBusy(true);
    setError(null);
    const result = await client
      .query(VerifyAuditLogQuery, { municipality }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    setError(result.error ?? null);
    setVerification(result.data?.verifyAuditLog ?? null);
  };
  return (
    <Section title={t('audit.verifyTitle')} className="sh-card">
      <Paragraph>{t('audit.verifyIntro')}</Paragraph>
      <Button appearance="primary-action-button" busy={busy} onClick={() => void verify()}>
        {t('audit.verify')}
      </Button>
      <OkNotice
        message={verification?.ok ? t('audit.verifiedOk', { count: verification.entries, municipality }) : null}
      />
      {verification && !verification.ok && (
        <Alert type="error" role="alert">
          <Paragraph>
            {t('audit.verifiedBroken', {
              sequence: verification.firstBrokenSequence ?? '?',
              reason: t(`chainBreak.${verification.reason ?? 'UNKNOWN'}`, { defaultValue: verification.reason ?? '' }),
            })}
          </Paragraph>
        </Alert>
      )}
      <ErrorAlert error={error} subject="audit" />
    </Section>
  );
}
