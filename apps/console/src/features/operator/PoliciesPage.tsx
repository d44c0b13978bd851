import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { formatCents, formatMoment } from '../../i18n/format';
import { OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { euroCents, MunicipalityField, Section, TextField } from '../../ui/fields';
import { SetMunicipalityPolicyMutation } from './documents';

/**
 * A municipality's convenant settings: its minimum amount (drempelbedrag) and matching period. The
 * API sets them and answers the stored result; it has no query to read them back, so the page shows
 * what was saved in this visit.
 */
export default function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const [state, setPolicy] = useMutation(SetMunicipalityPolicyMutation);
  const [invalid, setInvalid] = useState('');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const minimumAmountCents = euroCents(text('minimumAmount'));
    if (minimumAmountCents === null) {
      setInvalid(t('policies.invalidAmount'));
      return;
    }
    setInvalid('');
    await setPolicy({
      input: {
        municipality: text('municipality').toUpperCase(),
        minimumAmountCents,
        matchingPeriodDays: Number(text('matchingPeriodDays')),
      },
    });
  };
  const saved = state.data?.setMunicipalityPolicy;
  return (
    <>
      <Heading1>{t('policies.title')}</Heading1>
      <Paragraph>{t('policies.intro')}</Paragraph>
      <Section title={t('policies.formTitle')} className="sh-card">
        <form className="sh-form" onSubmit={submit}>
          <MunicipalityField label={t('creditors.municipality')} />
          <TextField
            label={t('policies.minimumAmount')}
            name="minimumAmount"
            required
            inputMode="decimal"
            defaultValue="0"
            hint={t('policies.minimumAmountHint')}
          />
          <TextField
            label={t('policies.matchingPeriod')}
            name="matchingPeriodDays"
            type="number"
            min={1}
            max={730}
            required
            defaultValue="183"
            hint={t('policies.matchingPeriodHint')}
          />
          {invalid && (
            <Alert type="error" role="alert">
              <Paragraph>{invalid}</Paragraph>
            </Alert>
          )}
          <ErrorAlert error={state.error} />
          <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
            {t('policies.save')}
          </Button>
        </form>
      </Section>
      <OkNotice
        message={
          saved && !state.error
            ? t('policies.saved', {
                municipality: saved.municipality,
                amount: formatCents(saved.minimumAmountCents, i18n.language),
                days: saved.matchingPeriodDays,
                moment: formatMoment(saved.updatedAt, i18n.language),
              })
            : null
        }
      />
    </>
  );
}
