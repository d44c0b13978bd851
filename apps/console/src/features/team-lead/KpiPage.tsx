import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery, type CombinedError } from 'urql';
import { useAuth } from '../../auth/AuthContext';
import type { MunicipalityKpisQuery as KpisResult } from '../../gql/graphql';
import { formatDay, todayInNetherlands } from '../../i18n/format';
import { BarChart } from '../../ui/BarChart';
import { Loading, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { lastYear, Section, TextField } from '../../ui/fields';
import { CASE_RESULTS } from '../cases/vocabulary';
import { DdasExportQuery, MunicipalityKpisQuery } from './documents';

type Kpis = KpisResult['municipalityKpis'];

/** The national monitor's figures of the municipality over a period, with charts, and the DDAS delivery. */
export default function KpiPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => lastYear(todayInNetherlands()));
  const [result] = useQuery({ query: MunicipalityKpisQuery, variables: period });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPeriod({ from: String(form.get('from')), to: String(form.get('to')) });
  };
  const kpis = result.data?.municipalityKpis;
  return (
    <>
      <Heading1>{t('kpis.title')}</Heading1>
      <Paragraph>{t('kpis.intro')}</Paragraph>
      <form className="sh-filters" onSubmit={submit} aria-label={t('kpis.period')}>
        <TextField label={t('kpis.from')} name="from" type="date" required defaultValue={period.from} />
        <TextField label={t('kpis.to')} name="to" type="date" required defaultValue={period.to} />
        <Button type="submit" appearance="secondary-action-button">
          {t('kpis.show')}
        </Button>
      </form>
      <ErrorAlert error={result.error} subject="period" />
      {!kpis && !result.error && <Loading />}
      {kpis && <KpiFigures kpis={kpis} />}
      <DdasDownload period={period} />
    </>
  );
}

function KpiFigures({ kpis }: { kpis: Kpis }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const percent = (share: number) =>
    new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  const days = (value: number | null | undefined) =>
    value == null ? t('format.notSet') : t('kpis.daysValue', { count: value, days: number(value) });
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const results = CASE_RESULTS.map((result) => ({
    result,
    count: kpis.results.find((r) => r.result === result)?.count ?? 0,
  })).filter((r) => r.count > 0);
  return (
    <>
      <Paragraph>
        {t('kpis.periodShown', {
          municipality: kpis.municipality,
          from: formatDay(kpis.from, language),
          to: formatDay(kpis.to, language),
        })}
      </Paragraph>
      <dl className="sh-kpi-tiles">
        <div className="sh-kpi-tile">
          <dt>{t('kpis.signals')}</dt>
          <dd>{number(kpis.signals)}</dd>
        </div>
        <div className="sh-kpi-tile">
          <dt>{t('kpis.perThousand')}</dt>
          <dd>
            {kpis.signalsPerThousandInhabitants == null
              ? t('format.notSet')
              : new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(
                  kpis.signalsPerThousandInhabitants,
                )}
          </dd>
        </div>
        <div className="sh-kpi-tile">
          <dt>{t('kpis.cases')}</dt>
          <dd>{number(kpis.cases)}</dd>
        </div>
        <div className="sh-kpi-tile">
          <dt>{t('kpis.reached')}</dt>
          <dd>{kpis.shareReached == null ? t('format.notSet') : percent(kpis.shareReached)}</dd>
        </div>
        <div className="sh-kpi-tile">
          <dt>{t('kpis.helpAccepted')}</dt>
          <dd>{kpis.shareHelpAccepted == null ? t('format.notSet') : percent(kpis.shareHelpAccepted)}</dd>
        </div>
      </dl>
      <div className="sh-chart-grid">
        <Section title={t('kpis.reachTitle')}>
          <BarChart
            title={t('kpis.reachChart')}
            summary={t('kpis.reachSummary', {
              pickedUp: percent(share(kpis.casesPickedUp, kpis.cases)),
              attempted: percent(share(kpis.casesContactAttempted, kpis.cases)),
              reached: percent(share(kpis.casesReached, kpis.cases)),
            })}
            categories={[t('kpis.stagePickedUp'), t('kpis.stageAttempted'), t('kpis.stageReached')]}
            series={[
              {
                label: t('kpis.shareOfCases'),
                values: [
                  share(kpis.casesPickedUp, kpis.cases),
                  share(kpis.casesContactAttempted, kpis.cases),
                  share(kpis.casesReached, kpis.cases),
                ],
              },
            ]}
            format={percent}
            max={1}
          />
        </Section>
        <Section title={t('kpis.timeTitle')}>
          <BarChart
            title={t('kpis.timeChart')}
            summary={t('kpis.timeSummary', {
              attempt: days(kpis.medianDaysToFirstContactAttempt),
              reached: days(kpis.medianDaysToFirstReachedContact),
            })}
            categories={[t('kpis.toFirstAttempt'), t('kpis.toFirstReached')]}
            series={[
              {
                label: t('kpis.medianDays'),
                values: [kpis.medianDaysToFirstContactAttempt ?? 0, kpis.medianDaysToFirstReachedContact ?? 0],
              },
            ]}
            format={number}
          />
        </Section>
      </div>
      <Section title={t('kpis.resultsTitle')}>
        {results.length === 0 ? (
          <Paragraph>{t('kpis.noResults')}</Paragraph>
        ) : (
          <BarChart
            title={t('kpis.resultsChart', { count: kpis.casesClosed })}
            summary={t('kpis.resultsSummary', {
              count: kpis.casesClosed,
              top: t(`result.${results.reduce((a, b) => (b.count > a.count ? b : a)).result}.label`),
            })}
            categories={results.map((r) => t(`result.${r.result}.label`))}
            series={[{ label: t('kpis.closedCases'), values: results.map((r) => r.count) }]}
            format={number}
            horizontal
            integer
          />
        )}
      </Section>
    </>
  );
}

/**
 * The DDAS delivery to CBS of the period, one JSON file per page (at most 50,000 signals a page).
 * Every page read is audited by the hub, so it is fetched only when asked for, afresh each time.
 */
function DdasDownload({ period }: { period: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const municipality = useAuth().session?.municipality ?? 'gemeente';
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ page: number; pages: number; signals: number; cases: number } | null>(null);

  const download = async (page: number) => {
    setBusy(true);
    setError(null);
    const result = await client
      .query(DdasExportQuery, { ...period, page }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    if (result.error || !result.data) {
      setError(result.error ?? null);
      return;
    }
    const { document, pages, signals, cases } = result.data.ddasExport;
    const blob = new Blob([document], { type: 'application/json' });
    const link = window.document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `ddas-${municipality}-${period.from}-${period.to}-${page}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setDone({ page, pages, signals, cases });
  };

  return (
    <Section title={t('ddas.title')} className="sh-card">
      <Paragraph>
        {t('ddas.intro', { from: formatDay(period.from, i18n.language), to: formatDay(period.to, i18n.language) })}
      </Paragraph>
      <Button appearance="primary-action-button" busy={busy} onClick={() => void download(1)}>
        {t('ddas.download')}
      </Button>
      <OkNotice
        message={
          done
            ? t('ddas.downloaded', { page: done.page, pages: done.pages, signals: done.signals, cases: done.cases })
            : null
        }
      />
      {done &&
        done.pages > 1 &&
        Array.from({ length: done.pages - 1 }, (_, i) => i + 2).map((page) => (
          <Button key={page} appearance="secondary-action-button" onClick={() => void download(page)}>
            {t('ddas.downloadPage', { page, pages: done.pages })}
          </Button>
        ))}
      {error && <ErrorAlert error={error} subject="period" />}
    </Section>
  );
}
