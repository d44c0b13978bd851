import { Button, Heading1, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { UnroutedSignalsQuery as UnroutedResult } from '../../gql/graphql';
import { formatDay, formatMoment } from '../../i18n/format';
import { DataTable, Loading, MoreButton, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { MunicipalityField, Section, TextAreaField } from '../../ui/fields';
import { RouteSignalMutation, UnroutedSignalsQuery } from './documents';

type Unrouted = UnroutedResult['unroutedSignals']['edges'][number]['node'];

const PAGE_SIZE = 50;

/**
 * Signals the hub held back because no single municipality could be chosen (unknown postcode, or a
 * postcode area two municipalities share). The operator sends each to one; the rules then judge it.
 */
export default function UnroutedPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [after, setAfter] = useState<string | null>(null);
  // Every listing is audited per signal: always read afresh.
  const [result, reexecute] = useQuery({
    query: UnroutedSignalsQuery,
    variables: { first: PAGE_SIZE, after },
    requestPolicy: 'network-only',
  });
  const [chosen, setChosen] = useState<Unrouted | null>(null);
  const [notice, setNotice] = useState('');
  const unrouted = result.data?.unroutedSignals;
  return (
    <>
      <Heading1>{t('unrouted.title')}</Heading1>
      <Paragraph>{t('unrouted.intro')}</Paragraph>
      <OkNotice message={notice} />
      <ErrorAlert error={result.error} subject="signal" />
      {!unrouted && !result.error && <Loading />}
      {unrouted && (
        <>
          <Paragraph>{t('unrouted.count', { count: unrouted.totalCount })}</Paragraph>
          {unrouted.edges.length > 0 && (
            <DataTable
              caption={t('unrouted.caption')}
              columns={[
                t('unrouted.postcode'),
                t('unrouted.place'),
                t('unrouted.reason'),
                t('unrouted.creditor'),
                t('creditors.sector'),
                t('detail.signal.signalDate'),
                t('unrouted.receivedAt'),
                t('creditors.actions'),
              ]}
            >
              {unrouted.edges.map(({ node }) => (
                <TableRow key={node.id} data-signal-id={node.id}>
                  <TableCell>{node.postcode}</TableCell>
                  <TableCell>{node.place || t('format.notSet')}</TableCell>
                  <TableCell>{t(`unroutedReason.${node.reason}`, { defaultValue: node.reason })}</TableCell>
                  <TableCell className="sh-break">
                    {node.creditorId}
                    <span className="sh-subtle"> · {node.creditorSignalRef}</span>
                  </TableCell>
                  <TableCell>{t(`sector.${node.sector}`)}</TableCell>
                  <TableCell>{formatDay(node.signalDate, language)}</TableCell>
                  <TableCell>{formatMoment(node.receivedAt, language)}</TableCell>
                  <TableCell>
                    <Button
                      appearance="secondary-action-button"
                      aria-label={t('unrouted.routeNamed', {
                        ref: node.creditorSignalRef,
                        postcode: node.postcode,
                      })}
                      onClick={() => setChosen(node)}
                    >
                      {t('unrouted.route')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          )}
          <MoreButton pageInfo={unrouted.pageInfo} onMore={setAfter}>
            {t('unrouted.more')}
          </MoreButton>
        </>
      )}
      {chosen && (
        <RouteForm
          key={chosen.id}
          signal={chosen}
          onCancel={() => setChosen(null)}
          onRouted={(message) => {
            setChosen(null);
            setNotice(message);
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </>
  );
}

function RouteForm({
  signal,
  onCancel,
  onRouted,
}: {
  signal: Unrouted;
  onCancel(): void;
  onRouted(message: string): void;
}) {
  const { t } = useTranslation();
  const [state, route] = useMutation(RouteSignalMutation);
  const form = useRef<HTMLFormElement>(null);
  // The form opens below the table: take the keyboard there.
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const municipality = String(data.get('municipality') ?? '')
      .trim()
      .toUpperCase();
    const reason = String(data.get('overrideReason') ?? '').trim();
    const done = await route({ signalId: signal.id, municipality, overrideReason: reason || null });
    const routed = done.data?.routeSignal;
    if (routed) {
      onRouted(
        t(routed.caseId ? 'unrouted.routedToCase' : 'unrouted.routedRefused', {
          municipality: routed.municipality,
          decision: t(`unrouted.decision.${routed.decision}`, { defaultValue: routed.decision }),
        }),
      );
    }
  };
  return (
    <Section
      title={t('unrouted.formTitle', { ref: signal.creditorSignalRef, postcode: signal.postcode })}
      className="sh-card"
    >
      <Paragraph>{t('unrouted.formIntro')}</Paragraph>
      <form className="sh-form" onSubmit={submit} ref={form}>
        <MunicipalityField label={t('unrouted.municipality')} />
        <TextAreaField
          label={t('unrouted.overrideReason')}
          hint={t('unrouted.overrideHint')}
          name="overrideReason"
          rows={3}
          maxLength={500}
        />
        <ErrorAlert error={state.error} subject="signal" />
        <div className="sh-button-row">
          <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
            {t('unrouted.submit')}
          </Button>
          <Button type="button" appearance="subtle-button" onClick={onCancel}>
            {t('unrouted.cancel')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
