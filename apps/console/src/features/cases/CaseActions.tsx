import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormLabel,
  Heading3,
  Paragraph,
  RadioButton,
  SelectOption,
} from '@utrecht/component-library-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { CaseResult, ContactKind, DayPart } from '../../gql/graphql';
import { todayInNetherlands } from '../../i18n/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import {
  AddCaseNoteMutation,
  CloseCaseMutation,
  RecordContactAttemptMutation,
  TransferCaseMutation,
} from './documents';
import { CASE_RESULTS, CONTACT_KINDS, DAY_PARTS } from './vocabulary';

/** The work on a case: contact attempts, notes, closing and transfer (the last three only while open). */
export function CaseActions({ caseId, open, onDone }: { caseId: string; open: boolean; onDone(notice: string): void }) {
  return (
    <>
      {open && <ContactAttemptForm caseId={caseId} onDone={onDone} />}
      <NoteForm caseId={caseId} onDone={onDone} />
      {open && <CloseForm caseId={caseId} onDone={onDone} />}
      {open && <TransferForm caseId={caseId} onDone={onDone} />}
    </>
  );
}

function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="sh-card" aria-labelledby={id}>
      <Heading3 id={id}>{title}</Heading3>
      {children}
    </section>
  );
}

function ContactAttemptForm({ caseId, onDone }: { caseId: string; onDone(notice: string): void }) {
  const { t } = useTranslation();
  const reached = useId();
  const [state, record] = useMutation(RecordContactAttemptMutation);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dayPart = form.get('dayPart') as DayPart | '';
    const done = await record({
      caseId,
      input: {
        kind: form.get('kind') as ContactKind,
        reached: form.get('reached') === 'yes',
        date: form.get('date') as string,
        ...(dayPart ? { dayPart } : {}),
      },
    });
    if (!done.error) onDone(t('detail.contactRecorded'));
  };
  return (
    <ActionCard title={t('contact.title')}>
      <form className="sh-form" onSubmit={submit}>
        <SelectField label={t('contact.kind')} name="kind" defaultValue="HOME_VISIT">
          {CONTACT_KINDS.map((kind) => (
            <SelectOption key={kind} value={kind}>
              {t(`contactKind.${kind}`)}
            </SelectOption>
          ))}
        </SelectField>
        <Fieldset>
          <FieldsetLegend>{t('contact.reached')}</FieldsetLegend>
          <ul className="sh-radio-list">
            <li>
              <RadioButton id={`${reached}-yes`} name="reached" value="yes" defaultChecked />
              <FormLabel htmlFor={`${reached}-yes`} type="radio">
                {t('contact.reachedYes')}
              </FormLabel>
            </li>
            <li>
              <RadioButton id={`${reached}-no`} name="reached" value="no" />
              <FormLabel htmlFor={`${reached}-no`} type="radio">
                {t('contact.reachedNo')}
              </FormLabel>
            </li>
          </ul>
        </Fieldset>
        <TextField
          label={t('contact.date')}
          name="date"
          type="date"
          required
          defaultValue={todayInNetherlands()}
          max={todayInNetherlands()}
        />
        <SelectField label={t('contact.dayPart')} name="dayPart" defaultValue="">
          <SelectOption value="">{t('contact.dayPartUnknown')}</SelectOption>
          {DAY_PARTS.map((part) => (
            <SelectOption key={part} value={part}>
              {t(`dayPart.${part}`)}
            </SelectOption>
          ))}
        </SelectField>
        <ErrorAlert error={state.error} />
        <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
          {t('contact.submit')}
        </Button>
      </form>
    </ActionCard>
  );
}

function NoteForm({ caseId, onDone }: { caseId: string; onDone(notice: string): void }) {
  const { t } = useTranslation();
  const [state, add] = useMutation(AddCaseNoteMutation);
  const [text, setText] = useState('');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await add({ caseId, text });
    if (!done.error) {
      setText('');
      onDone(t('detail.noteAdded'));
    }
  };
  return (
    <ActionCard title={t('note.title')}>
      <form className="sh-form" onSubmit={submit}>
        <TextAreaField
          label={t('note.text')}
          hint={t('note.hint')}
          name="text"
          required
          maxLength={2000}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <ErrorAlert error={state.error} />
        <Button type="submit" appearance="secondary-action-button" busy={state.fetching}>
          {t('note.submit')}
        </Button>
      </form>
    </ActionCard>
  );
}

function CloseForm({ caseId, onDone }: { caseId: string; onDone(notice: string): void }) {
  const { t } = useTranslation();
  const name = useId();
  const [state, close] = useMutation(CloseCaseMutation);
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = new FormData(event.currentTarget).get('result') as CaseResult | null;
    setMissing(!result);
    if (!result) return;
    const done = await close({ id: caseId, result });
    if (!done.error) onDone(t('detail.closedNotice', { result: t(`result.${result}.label`) }));
  };
  return (
    <ActionCard title={t('close.title')}>
      <Paragraph>{t('close.intro')}</Paragraph>
      <form className="sh-form" onSubmit={submit}>
        <Fieldset>
          <FieldsetLegend>{t('close.result')}</FieldsetLegend>
          <ul className="sh-radio-list">
            {CASE_RESULTS.map((result) => (
              <li key={result}>
                <RadioButton
                  id={`${name}-${result}`}
                  name="result"
                  value={result}
                  aria-describedby={`${name}-${result}-explanation`}
                />
                <div>
                  <FormLabel htmlFor={`${name}-${result}`} type="radio">
                    {t(`result.${result}.label`)}
                  </FormLabel>
                  <Paragraph id={`${name}-${result}-explanation`} className="sh-explanation">
                    {t(`result.${result}.explanation`)}
                  </Paragraph>
                </div>
              </li>
            ))}
          </ul>
        </Fieldset>
        {missing && (
          <Alert type="error" role="alert">
            <Paragraph>{t('close.chooseResult')}</Paragraph>
          </Alert>
        )}
        <ErrorAlert error={state.error} />
        <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
          {t('close.submit')}
        </Button>
      </form>
    </ActionCard>
  );
}

function TransferForm({ caseId, onDone }: { caseId: string; onDone(notice: string): void }) {
  const { t } = useTranslation();
  const [state, transfer] = useMutation(TransferCaseMutation);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const toMunicipality = String(form.get('toMunicipality') ?? '')
      .trim()
      .toUpperCase();
    const reason = String(form.get('reason') ?? '').trim();
    const done = await transfer({ caseId, toMunicipality, reason: reason || null });
    if (!done.error) onDone(t('detail.transferredNotice', { municipality: toMunicipality }));
  };
  return (
    <ActionCard title={t('transfer.title')}>
      <Paragraph>{t('transfer.intro')}</Paragraph>
      <form className="sh-form" onSubmit={submit}>
        <TextField
          label={t('transfer.municipality')}
          hint={t('transfer.municipalityHint')}
          name="toMunicipality"
          required
          pattern="[Gg][Mm][0-9]{4}"
          autoComplete="off"
        />
        <TextAreaField label={t('transfer.reason')} name="reason" rows={2} maxLength={2000} />
        <ErrorAlert error={state.error} />
        <Button type="submit" appearance="secondary-action-button" busy={state.fetching}>
          {t('transfer.submit')}
        </Button>
      </form>
    </ActionCard>
  );
}
