import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Paragraph,
  SelectOption,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { CreditorSpread, Sector, WorkQueueInput, WorkQueuesQuery as WorkQueuesResult } from '../../gql/graphql';
import { formatCents } from '../../i18n/format';
import { DataTable, Loading, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { CheckboxField, euroCents, Section, SelectField, TextField } from '../../ui/fields';
import { RouterLink } from '../../ui/RouterLink';
import { SECTORS } from '../cases/vocabulary';
import { CreateWorkQueueMutation, DeleteWorkQueueMutation, WorkQueuesQuery } from './documents';
import { queuePath } from './paths';

type Queue = WorkQueuesResult['workQueues'][number];

/** The team lead's work queues (werkbakjes): saved filters over the open cases, with their counts. */
export default function WorkQueuesPage() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: WorkQueuesQuery });
  const [deleted, deleteQueue] = useMutation(DeleteWorkQueueMutation);
  const [notice, setNotice] = useState('');
  const refresh = (message: string) => {
    setNotice(message);
    reexecute({ requestPolicy: 'network-only' });
  };
  const queues = result.data?.workQueues;
  return (
    <>
      <Heading1>{t('queues.title')}</Heading1>
      <Paragraph>{t('queues.intro')}</Paragraph>
      <OkNotice message={notice} />
      <ErrorAlert error={result.error} subject="queue" />
      <ErrorAlert error={deleted.error} subject="queue" />
      {queues && queues.length === 0 && <Paragraph>{t('queues.empty')}</Paragraph>}
      {queues && queues.length > 0 && (
        <DataTable
          caption={t('queues.caption')}
          columns={[
            t('queues.columns.name'),
            t('queues.columns.filter'),
            { label: t('queues.columns.open'), numeric: true },
            t('queues.columns.actions'),
          ]}
        >
          {queues.map((queue) => (
            <TableRow key={queue.id} data-queue-id={queue.id}>
              <TableCell>
                <RouterLink to={queuePath(queue.id)}>{queue.name}</RouterLink>
              </TableCell>
              <TableCell>
                <QueueCriteria queue={queue} />
              </TableCell>
              <TableCell className="sh-number">{queue.openCaseCount}</TableCell>
              <TableCell>
                <Button
                  appearance="secondary-action-button"
                  aria-label={t('queues.deleteNamed', { name: queue.name })}
                  busy={deleted.fetching}
                  onClick={async () => {
                    const done = await deleteQueue({ id: queue.id });
                    if (!done.error) refresh(t('queues.deleted', { name: queue.name }));
                  }}
                >
                  {t('queues.delete')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {!queues && !result.error && <Loading />}
      <NewQueueForm onCreated={(name) => refresh(t('queues.created', { name }))} />
    </>
  );
}

/** The filter of a queue in words: "Huur, Energie · vanaf € 500,00 · niet toegewezen". */
export function QueueCriteria({ queue }: { queue: Queue }) {
  const { t, i18n } = useTranslation();
  const parts: string[] = [];
  if (queue.sectors.length > 0) parts.push(queue.sectors.map((s) => t(`sector.${s}`)).join(', '));
  if (queue.creditorSpread) parts.push(t(`spread.${queue.creditorSpread}`));
  if (queue.minimumAmountCents != null)
    parts.push(t('queues.fromAmount', { amount: formatCents(queue.minimumAmountCents, i18n.language) }));
  if (queue.maximumAmountCents != null)
    parts.push(t('queues.toAmount', { amount: formatCents(queue.maximumAmountCents, i18n.language) }));
  if (queue.minimumDaysInArrears != null) parts.push(t('queues.fromDays', { days: queue.minimumDaysInArrears }));
  if (queue.maximumDaysInArrears != null) parts.push(t('queues.toDays', { days: queue.maximumDaysInArrears }));
  if (queue.pc4s.length > 0) parts.push(t('queues.pc4List', { list: queue.pc4s.join(', ') }));
  if (queue.crisis) parts.push(t('queues.crisisOnly'));
  if (queue.unassigned) parts.push(t('queues.unassignedOnly'));
  return <>{parts.length > 0 ? parts.join(' · ') : t('queues.everything')}</>;
}

function NewQueueForm({ onCreated }: { onCreated(name: string): void }) {
  const { t } = useTranslation();
  const [state, create] = useMutation(CreateWorkQueueMutation);
  const [invalid, setInvalid] = useState('');
  const [formKey, setFormKey] = useState(0);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const amount = (name: string) => {
      const cents = euroCents(text(name));
      if (text(name) && cents === null) throw new Error(t('queues.invalidAmount'));
      return cents;
    };
    const days = (name: string) => (text(name) ? Number(text(name)) : null);
    let input: WorkQueueInput;
    try {
      const pc4s = text('pc4s')
        .split(/[\s,;]+/)
        .filter(Boolean);
      if (pc4s.some((pc4) => !/^\d{4}$/.test(pc4))) throw new Error(t('queues.invalidPc4'));
      const spread = text('spread') as CreditorSpread | '';
      input = {
        name: text('name'),
        sectors: form.getAll('sectors') as Sector[],
        pc4s,
        minimumAmountCents: amount('minAmount'),
        maximumAmountCents: amount('maxAmount'),
        minimumDaysInArrears: days('minDays'),
        maximumDaysInArrears: days('maxDays'),
        creditorSpread: spread || null,
        crisis: form.get('crisis') === 'on' ? true : null,
        unassigned: form.get('unassigned') === 'on',
      };
    } catch (error) {
      setInvalid((error as Error).message);
      return;
    }
    setInvalid('');
    const done = await create({ input });
    if (!done.error) {
      setFormKey((key) => key + 1);
      onCreated(input.name);
    }
  };
  return (
    <Section title={t('queues.newTitle')} className="sh-card">
      <form className="sh-form" onSubmit={submit} key={formKey}>
        <TextField label={t('queues.name')} name="name" required maxLength={100} />
        <Fieldset>
          <FieldsetLegend>{t('queues.sectors')}</FieldsetLegend>
          <div className="sh-checkbox-grid">
            {SECTORS.map((sector) => (
              <CheckboxField key={sector} label={t(`sector.${sector}`)} name="sectors" value={sector} />
            ))}
          </div>
        </Fieldset>
        <SelectField label={t('queues.spread')} name="spread" defaultValue="">
          <SelectOption value="">{t('cases.any')}</SelectOption>
          <SelectOption value="SINGLE">{t('spread.SINGLE')}</SelectOption>
          <SelectOption value="MULTI">{t('spread.MULTI')}</SelectOption>
        </SelectField>
        <Fieldset>
          <FieldsetLegend>{t('queues.amount')}</FieldsetLegend>
          <Paragraph className="sh-explanation">{t('queues.euroHint')}</Paragraph>
          <div className="sh-field-row">
            <TextField label={t('queues.minAmount')} name="minAmount" inputMode="decimal" />
            <TextField label={t('queues.maxAmount')} name="maxAmount" inputMode="decimal" />
          </div>
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t('queues.days')}</FieldsetLegend>
          <div className="sh-field-row">
            <TextField label={t('queues.minDays')} name="minDays" type="number" min={0} />
            <TextField label={t('queues.maxDays')} name="maxDays" type="number" min={0} />
          </div>
        </Fieldset>
        <TextField label={t('queues.pc4s')} name="pc4s" hint={t('queues.pc4sHint')} />
        <CheckboxField label={t('queues.crisis')} name="crisis" />
        <CheckboxField label={t('queues.unassigned')} name="unassigned" />
        {invalid && (
          <Alert type="error" role="alert">
            <Paragraph>{invalid}</Paragraph>
          </Alert>
        )}
        <ErrorAlert error={state.error} subject="queue" />
        <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
          {t('queues.create')}
        </Button>
      </form>
    </Section>
  );
}
