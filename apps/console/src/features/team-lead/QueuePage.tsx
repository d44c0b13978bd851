import { Button, Heading1, Paragraph, TableCell, TableRow, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorCode } from '../../api/errors';
import { formatAddress, formatCents } from '../../i18n/format';
import { DataTable, Loading, MoreButton, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RouterLink } from '../../ui/RouterLink';
import { casePath } from '../cases/paths';
import { UrgencyCell } from '../cases/UrgencyCell';
import { NotFoundPage } from '../errors/NotFoundPage';
import { AssignCaseMutation, QueueCasesQuery, WorkQueuesQuery } from './documents';
import { QUEUES_PATH } from './paths';
import { QueueCriteria } from './WorkQueuesPage';

const PAGE_SIZE = 25;

/** One work queue: its open cases, most urgent first, each assigned to a worker from here. */
export default function QueuePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [queues] = useQuery({ query: WorkQueuesQuery });
  const [result, reexecute] = useQuery({ query: QueueCasesQuery, variables: { queue: id, first: PAGE_SIZE, after } });
  const [notice, setNotice] = useState('');
  if (errorCode(result.error) === 'NOT_FOUND') return <NotFoundPage />;
  const queue = queues.data?.workQueues.find((q) => q.id === id);
  const cases = result.data?.cases;
  return (
    <>
      <Paragraph>
        <RouterLink to={QUEUES_PATH}>{t('queue.back')}</RouterLink>
      </Paragraph>
      <Heading1>{queue ? t('queue.title', { name: queue.name }) : t('queues.title')}</Heading1>
      {queue && (
        <Paragraph>
          <strong>{t('queues.columns.filter')}:</strong> <QueueCriteria queue={queue} />
        </Paragraph>
      )}
      <Paragraph>{t('queue.intro')}</Paragraph>
      <OkNotice message={notice} />
      <ErrorAlert error={result.error} subject="queue" />
      {cases && (
        <>
          <Paragraph>{t('cases.count', { count: cases.totalCount })}</Paragraph>
          {cases.edges.length === 0 ? (
            <Paragraph>{t('queue.empty')}</Paragraph>
          ) : (
            <DataTable
              caption={t('queue.caption')}
              columns={[
                t('cases.columns.urgency'),
                t('cases.columns.address'),
                t('cases.columns.status'),
                { label: t('cases.columns.amount'), numeric: true },
                t('queue.assignedTo'),
                t('queue.assign'),
              ]}
            >
              {cases.edges.map(({ node }) => {
                const address = formatAddress(node.household);
                return (
                  <TableRow key={node.id} data-case-id={node.id}>
                    <UrgencyCell urgency={node.urgency} />
                    <TableCell>
                      <RouterLink to={casePath(node.id)}>{address}</RouterLink>
                    </TableCell>
                    <TableCell>{t(`status.${node.status}`)}</TableCell>
                    <TableCell className="sh-number">{formatCents(node.totalAmountCents, i18n.language)}</TableCell>
                    <TableCell>{node.assignedTo ?? t('detail.nobody')}</TableCell>
                    <TableCell>
                      <AssignForm
                        caseId={node.id}
                        address={address}
                        current={node.assignedTo ?? null}
                        onDone={(message) => {
                          setNotice(message);
                          reexecute({ requestPolicy: 'network-only' });
                        }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </DataTable>
          )}
          <MoreButton pageInfo={cases.pageInfo} onMore={setAfter}>
            {t('cases.loadMore')}
          </MoreButton>
        </>
      )}
      {!cases && !result.error && <Loading />}
    </>
  );
}

/** The worker is named by the subject of their sign-in token (what the hub stores as assignedTo). */
function AssignForm({
  caseId,
  address,
  current,
  onDone,
}: {
  caseId: string;
  address: string;
  current: string | null;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const [state, assign] = useMutation(AssignCaseMutation);
  const [worker, setWorker] = useState(current ?? '');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = worker.trim() || null;
    const done = await assign({ id: caseId, worker: chosen });
    if (!done.error) {
      onDone(chosen ? t('queue.assigned', { address, worker: chosen }) : t('queue.unassigned', { address }));
    }
  };
  return (
    <form className="sh-inline-form" onSubmit={submit}>
      <Textbox
        name="worker"
        aria-label={t('queue.workerFor', { address })}
        value={worker}
        onChange={(e) => setWorker(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <Button type="submit" appearance="secondary-action-button" busy={state.fetching}>
        {t('queue.assignButton')}
      </Button>
      <ErrorAlert error={state.error} subject="case" />
    </form>
  );
}
