import { Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorCode } from '../../api/errors';
import type { CaseQuery as CaseQueryResult } from '../../gql/graphql';
import { formatAddress, formatCents, formatDay, formatMoment } from '../../i18n/format';
import { Loading, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RouterLink } from '../../ui/RouterLink';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CaseActions } from './CaseActions';
import { CaseQuery, PickUpCaseMutation } from './documents';
import { CASES_PATH, casePath } from './paths';

type CaseData = CaseQueryResult['case'];

/** One case: the household, each creditor's signals, why it is urgent, what happened, and the work. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [result] = useQuery({ query: CaseQuery, variables: { id } });
  // Another municipality's case and a case that does not exist look the same (NOT_FOUND).
  if (errorCode(result.error) === 'NOT_FOUND') return <NotFoundPage />;
  const data = result.data?.case;
  return (
    <>
      <Paragraph>
        <RouterLink to={CASES_PATH}>{t('detail.back')}</RouterLink>
      </Paragraph>
      <ErrorAlert error={result.error} />
      {!data && !result.error && <Loading />}
      {data && <CaseView data={data} />}
    </>
  );
}

function CaseView({ data }: { data: CaseData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const address = formatAddress(data.household);
  const [notice, setNotice] = useState('');
  const [pickUp, pickUpCase] = useMutation(PickUpCaseMutation);
  const open = data.status === 'NEW' || data.status === 'IN_PROGRESS';
  return (
    <>
      <Heading1>{t('detail.title', { address })}</Heading1>
      <OkNotice message={notice} />
      <div className="sh-columns">
        <div>
          <section className="sh-section" aria-labelledby="household">
            <Heading2 id="household">{t('detail.household')}</Heading2>
            <dl className="sh-dl">
              <dt>{t('detail.address')}</dt>
              <dd>
                {address} ({data.household.postcode})
              </dd>
              <dt>{t('detail.municipality')}</dt>
              <dd>{data.municipality}</dd>
              <dt>{t('detail.status')}</dt>
              <dd>{t(`status.${data.status}`)}</dd>
              {data.result && (
                <>
                  <dt>{t('detail.result')}</dt>
                  <dd>{t(`result.${data.result}.label`)}</dd>
                </>
              )}
              <dt>{t('detail.totalAmount')}</dt>
              <dd>{formatCents(data.totalAmountCents, language)}</dd>
              <dt>{t('detail.openedAt')}</dt>
              <dd>{formatMoment(data.openedAt, language)}</dd>
              {data.pickedUpAt && (
                <>
                  <dt>{t('detail.pickedUpAt')}</dt>
                  <dd>{formatMoment(data.pickedUpAt, language)}</dd>
                </>
              )}
              {data.closedAt && (
                <>
                  <dt>{t('detail.closedAt')}</dt>
                  <dd>{formatMoment(data.closedAt, language)}</dd>
                </>
              )}
              <dt>{t('detail.assignedTo')}</dt>
              <dd>{data.assignedTo ?? t('detail.nobody')}</dd>
              {data.predecessor && (
                <>
                  <dt>{t('detail.predecessor')}</dt>
                  <dd>
                    <RouterLink to={casePath(data.predecessor.id)}>{data.predecessor.id}</RouterLink>
                  </dd>
                </>
              )}
            </dl>
          </section>

          <section className="sh-section" aria-labelledby="creditors">
            <Heading2 id="creditors">{t('detail.creditors')}</Heading2>
            {data.signals.map((signal) => (
              <article key={signal.id} className="sh-card" aria-labelledby={`signal-${signal.id}`}>
                <Heading3 id={`signal-${signal.id}`}>
                  {signal.creditorId} · {t(`sector.${signal.sector}`)}
                </Heading3>
                <dl className="sh-dl">
                  <dt>{t('detail.signal.amount')}</dt>
                  <dd>{formatCents(signal.amountCents, language)}</dd>
                  <dt>{t('detail.signal.arrearsSince')}</dt>
                  <dd>{formatDay(signal.arrearsSince, language)}</dd>
                  <dt>{t('detail.signal.signalDate')}</dt>
                  <dd>{formatDay(signal.signalDate, language)}</dd>
                  <dt>{t('detail.signal.kind')}</dt>
                  <dd>{t(`signalKind.${signal.kind}`, { defaultValue: signal.kind })}</dd>
                  <dt>{t('detail.signal.status')}</dt>
                  <dd>{t(`signalStatus.${signal.status}`, { defaultValue: signal.status })}</dd>
                  <dt>{t('detail.signal.person')}</dt>
                  <dd>
                    {[signal.firstNames ?? signal.initials, signal.surnamePrefix, signal.surname]
                      .filter(Boolean)
                      .join(' ')}
                    {signal.birthDate ? ` (${formatDay(signal.birthDate, language)})` : ''}
                  </dd>
                  {(signal.phone || signal.email) && (
                    <>
                      <dt>{t('detail.signal.contact')}</dt>
                      <dd>{[signal.phone, signal.email].filter(Boolean).join(' · ')}</dd>
                    </>
                  )}
                  {(signal.crisis || signal.warmHandover) && (
                    <>
                      <dt>{t('detail.signal.flags')}</dt>
                      <dd>
                        {[
                          signal.crisis && t('detail.signal.crisis'),
                          signal.warmHandover && t('detail.signal.warmHandover'),
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      </dd>
                    </>
                  )}
                </dl>
              </article>
            ))}
          </section>

          <section className="sh-section" aria-labelledby="timeline">
            <Heading2 id="timeline">{t('detail.timeline')}</Heading2>
            {data.timeline.edges.length === 0 ? (
              <Paragraph>{t('detail.timelineEmpty')}</Paragraph>
            ) : (
              <ol className="sh-timeline">
                {data.timeline.edges.map(({ node }) => (
                  <li key={node.id}>
                    <time dateTime={node.occurredAt}>{formatMoment(node.occurredAt, language)}</time>
                    <span>{timelineText(node, t, language)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="sh-section" aria-labelledby="notes">
            <Heading2 id="notes">{t('detail.notes')}</Heading2>
            {data.notes.length === 0 ? (
              <Paragraph>{t('detail.notesEmpty')}</Paragraph>
            ) : (
              data.notes.map((note) => (
                <article key={note.id} className="sh-card">
                  <Paragraph>{note.text}</Paragraph>
                  <Paragraph className="sh-explanation">
                    {t('detail.noteBy', { author: note.author, date: formatMoment(note.createdAt, language) })}
                  </Paragraph>
                </article>
              ))
            )}
          </section>
        </div>

        <div>
          <section className="sh-section" aria-labelledby="urgency">
            <Heading2 id="urgency">{t('detail.urgency')}</Heading2>
            {data.urgency ? (
              <>
                <Paragraph className="sh-urgency">
                  {t('detail.urgencyScore', { score: data.urgency.score, version: data.urgency.version })}
                </Paragraph>
                <table className="utrecht-table">
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th scope="col" className="utrecht-table__header-cell">
                        {t('detail.factor')}
                      </th>
                      <th scope="col" className="utrecht-table__header-cell sh-number">
                        {t('detail.factorValue')}
                      </th>
                      <th scope="col" className="utrecht-table__header-cell sh-number">
                        {t('detail.factorPoints')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {data.urgency.factors.map((factor) => (
                      <tr key={factor.name} className="utrecht-table__row">
                        <th scope="row" className="utrecht-table__header-cell">
                          {t(`urgencyFactor.${factor.name}`, { defaultValue: factor.name })}
                        </th>
                        <td className="utrecht-table__cell sh-number">{factor.value}</td>
                        <td className="utrecht-table__cell sh-number">{factor.points}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : (
              <Paragraph>{t('detail.urgencyNone')}</Paragraph>
            )}
          </section>

          <section className="sh-section" aria-labelledby="actions">
            <Heading2 id="actions">{t('detail.actions')}</Heading2>
            <ErrorAlert error={pickUp.error} />
            {data.status === 'NEW' && (
              <Paragraph>
                <Button
                  appearance="primary-action-button"
                  busy={pickUp.fetching}
                  onClick={async () => {
                    const done = await pickUpCase({ id: data.id });
                    if (!done.error) setNotice(t('detail.pickedUpNotice'));
                  }}
                >
                  {t('detail.pickUp')}
                </Button>
              </Paragraph>
            )}
            {data.status === 'CLOSED' && <Paragraph>{t('detail.closedInfo')}</Paragraph>}
            {data.status === 'TRANSFERRED' && <Paragraph>{t('detail.transferredInfo')}</Paragraph>}
            <CaseActions caseId={data.id} open={open} onDone={setNotice} />
          </section>
        </div>
      </div>
    </>
  );
}

type TimelineNode = CaseData['timeline']['edges'][number]['node'];

function timelineText(node: TimelineNode, t: ReturnType<typeof useTranslation>['t'], language: string): string {
  switch (node.kind) {
    case 'CONTACT_ATTEMPT_RECORDED': {
      const kind = node.contactKind ? t(`contactKind.${node.contactKind}`) : '';
      const dayPart = node.dayPart ? t(`dayPart.${node.dayPart}`).toLowerCase() : '';
      const summary = t(node.reached ? 'contact.summaryReached' : 'contact.summaryNotReached', {
        kind,
        date: formatDay(node.occurredAt.slice(0, 10), language),
        dayPart,
      });
      return `${t('timelineKind.CONTACT_ATTEMPT_RECORDED')}: ${summary}`;
    }
    case 'CLOSED':
      return node.result
        ? `${t('timelineKind.CLOSED')}: ${t(`result.${node.result}.label`)}`
        : t('timelineKind.CLOSED');
    case 'TRANSFERRED_IN':
      return t('timelineKind.TRANSFERRED_IN', { municipality: node.fromMunicipality ?? '' });
    case 'TRANSFERRED_OUT':
      return t('timelineKind.TRANSFERRED_OUT', { municipality: node.toMunicipality ?? '' });
    default:
      return t(`timelineKind.${node.kind}`);
  }
}
