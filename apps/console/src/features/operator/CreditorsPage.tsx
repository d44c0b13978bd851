import {
  Button,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  SelectOption,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { CreditorsQuery as CreditorsResult, Sector } from '../../gql/graphql';
import { formatDay, formatMoment } from '../../i18n/format';
import { DataTable, Loading, MoreButton, OkNotice } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { CheckboxField, MunicipalityField, Section, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { SECTORS } from '../cases/vocabulary';
import {
  AddCreditorKeyMutation,
  CreditorsQuery,
  RegisterCreditorMutation,
  RevokeCreditorKeyMutation,
  SetAgreementMutation,
} from './documents';

type Creditor = CreditorsResult['creditors']['edges'][number]['node'];

const PAGE_SIZE = 20;
/** More municipalities than this under one agreement term fold away behind their count. */
const SHOWN_MUNICIPALITIES = 8;

/**
 * Agreements with the same sector and term, one row with their municipalities: a creditor that
 * signals nationally has one agreement per municipality, hundreds of rows that say the same.
 */
function groupAgreements(agreements: Creditor['agreements']) {
  const groups = new Map<
    string,
    { key: string; sector: Sector; validFrom: string; validTo: string | null | undefined; municipalities: string[] }
  >();
  for (const agreement of agreements) {
    const key = `${agreement.sector}|${agreement.validFrom}|${agreement.validTo ?? ''}`;
    const group = groups.get(key) ?? {
      key,
      sector: agreement.sector,
      validFrom: agreement.validFrom,
      validTo: agreement.validTo,
      municipalities: [],
    };
    group.municipalities.push(agreement.municipality);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ ...group, municipalities: group.municipalities.sort() }));
}

/** The creditor registry: every signaalpartner with its signing keys and its agreements per municipality. */
export default function CreditorsPage() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [result, reexecute] = useQuery({ query: CreditorsQuery, variables: { first: PAGE_SIZE, after } });
  const [notice, setNotice] = useState('');
  const done = (message: string) => {
    setNotice(message);
    reexecute({ requestPolicy: 'network-only' });
  };
  const creditors = result.data?.creditors;
  return (
    <>
      <Heading1>{t('creditors.title')}</Heading1>
      <Paragraph>{t('creditors.intro')}</Paragraph>
      <OkNotice message={notice} />
      <ErrorAlert error={result.error} subject="creditor" />
      {!creditors && !result.error && <Loading />}
      {creditors && (
        <>
          <Paragraph>{t('creditors.count', { count: creditors.totalCount })}</Paragraph>
          {creditors.edges.map(({ node }) => (
            <CreditorCard key={node.id} creditor={node} onDone={done} />
          ))}
          <MoreButton pageInfo={creditors.pageInfo} onMore={setAfter}>
            {t('creditors.more')}
          </MoreButton>
        </>
      )}
      <RegisterForm onDone={done} />
    </>
  );
}

function CreditorCard({ creditor, onDone }: { creditor: Creditor; onDone(message: string): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const headingId = useId();
  const [revoking, revoke] = useMutation(RevokeCreditorKeyMutation);
  return (
    <article className="sh-card" aria-labelledby={headingId} data-creditor-id={creditor.id}>
      <Heading2 id={headingId}>{creditor.name}</Heading2>
      <dl className="sh-dl">
        <dt>{t('creditors.id')}</dt>
        <dd>{creditor.id}</dd>
        <dt>{t('creditors.kvk')}</dt>
        <dd>{creditor.kvkNumber}</dd>
        <dt>{t('creditors.sectors')}</dt>
        <dd>{creditor.sectors.map((s) => t(`sector.${s}`)).join(', ')}</dd>
        <dt>{t('creditors.registeredAt')}</dt>
        <dd>{formatMoment(creditor.createdAt, language)}</dd>
      </dl>
      <Heading3>{t('creditors.keys')}</Heading3>
      {creditor.keys.length === 0 ? (
        <Paragraph>{t('creditors.noKeys')}</Paragraph>
      ) : (
        <DataTable
          caption={t('creditors.keysOf', { name: creditor.name })}
          columns={[t('creditors.keyId'), t('creditors.addedAt'), t('creditors.keyStatus'), t('creditors.actions')]}
        >
          {creditor.keys.map((key) => (
            <TableRow key={key.keyId}>
              <TableCell className="sh-break">{key.keyId}</TableCell>
              <TableCell>{formatMoment(key.createdAt, language)}</TableCell>
              <TableCell>
                {key.revokedAt
                  ? t('creditors.revokedAt', { moment: formatMoment(key.revokedAt, language) })
                  : t('creditors.active')}
              </TableCell>
              <TableCell>
                {!key.revokedAt && (
                  <Button
                    appearance="secondary-action-button"
                    aria-label={t('creditors.revokeNamed', { key: key.keyId, name: creditor.name })}
                    busy={revoking.fetching}
                    onClick={async () => {
                      if (!window.confirm(t('creditors.revokeConfirm', { key: key.keyId }))) return;
                      const done = await revoke({ creditorId: creditor.id, keyId: key.keyId });
                      if (!done.error) onDone(t('creditors.revoked', { key: key.keyId, name: creditor.name }));
                    }}
                  >
                    {t('creditors.revoke')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <ErrorAlert error={revoking.error} subject="creditor" />
      <Heading3>{t('creditors.agreements')}</Heading3>
      {creditor.agreements.length === 0 ? (
        <Paragraph>{t('creditors.noAgreements')}</Paragraph>
      ) : (
        <DataTable
          caption={t('creditors.agreementsOf', { name: creditor.name })}
          columns={[
            t('creditors.sector'),
            t('creditors.validFrom'),
            t('creditors.validTo'),
            t('creditors.municipalities'),
          ]}
        >
          {groupAgreements(creditor.agreements).map((group) => (
            <TableRow key={group.key}>
              <TableCell>{t(`sector.${group.sector}`)}</TableCell>
              <TableCell>{formatDay(group.validFrom, language)}</TableCell>
              <TableCell>{group.validTo ? formatDay(group.validTo, language) : t('creditors.openEnded')}</TableCell>
              <TableCell className="sh-break">
                {group.municipalities.length <= SHOWN_MUNICIPALITIES ? (
                  group.municipalities.join(', ')
                ) : (
                  <details className="sh-details sh-details--inline">
                    <summary>{t('creditors.municipalityCount', { count: group.municipalities.length })}</summary>
                    {group.municipalities.join(', ')}
                  </details>
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <div className="sh-disclosures">
        <details className="sh-details">
          <summary>{t('creditors.addAgreement')}</summary>
          <AgreementForm creditor={creditor} onDone={onDone} />
        </details>
        <details className="sh-details">
          <summary>{t('creditors.addKey')}</summary>
          <KeyForm creditor={creditor} onDone={onDone} />
        </details>
      </div>
    </article>
  );
}

function AgreementForm({ creditor, onDone }: { creditor: Creditor; onDone(message: string): void }) {
  const { t } = useTranslation();
  const [state, setAgreement] = useMutation(SetAgreementMutation);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const municipality = text('municipality').toUpperCase();
    const done = await setAgreement({
      input: {
        creditorId: creditor.id,
        municipality,
        sector: text('sector') as Sector,
        validFrom: text('validFrom'),
        ...(text('validTo') ? { validTo: text('validTo') } : {}),
      },
    });
    if (!done.error) onDone(t('creditors.agreementSet', { name: creditor.name, municipality }));
  };
  return (
    <form className="sh-form" onSubmit={submit}>
      <MunicipalityField label={t('creditors.municipality')} />
      <SelectField label={t('creditors.sector')} name="sector" defaultValue={creditor.sectors[0]}>
        {creditor.sectors.map((sector) => (
          <SelectOption key={sector} value={sector}>
            {t(`sector.${sector}`)}
          </SelectOption>
        ))}
      </SelectField>
      <TextField label={t('creditors.validFrom')} name="validFrom" type="date" required />
      <TextField label={t('creditors.validTo')} name="validTo" type="date" hint={t('creditors.validToHint')} />
      <ErrorAlert error={state.error} subject="creditor" />
      <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
        {t('creditors.saveAgreement')}
      </Button>
    </form>
  );
}

function PemField({ name, label }: { name: string; label: string }) {
  return (
    <TextAreaField label={label} name={name} rows={4} spellCheck={false} placeholder="-----BEGIN PUBLIC KEY-----" />
  );
}

function KeyForm({ creditor, onDone }: { creditor: Creditor; onDone(message: string): void }) {
  const { t } = useTranslation();
  const [state, addKey] = useMutation(AddCreditorKeyMutation);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const keyId = String(form.get('keyId') ?? '').trim();
    const done = await addKey({ creditorId: creditor.id, keyId, publicKeyPem: String(form.get('pem') ?? '').trim() });
    if (!done.error) onDone(t('creditors.keyAdded', { key: keyId, name: creditor.name }));
  };
  return (
    <form className="sh-form" onSubmit={submit}>
      <TextField label={t('creditors.keyId')} name="keyId" required />
      <PemField name="pem" label={t('creditors.pem')} />
      <ErrorAlert error={state.error} subject="creditor" />
      <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
        {t('creditors.saveKey')}
      </Button>
    </form>
  );
}

function RegisterForm({ onDone }: { onDone(message: string): void }) {
  const { t } = useTranslation();
  const [state, register] = useMutation(RegisterCreditorMutation);
  const [formKey, setFormKey] = useState(0);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const pem = text('pem');
    const done = await register({
      input: {
        id: text('id'),
        name: text('name'),
        kvkNumber: text('kvk'),
        sectors: form.getAll('sectors') as Sector[],
        keys: pem ? [{ keyId: text('keyId'), publicKeyPem: pem }] : [],
      },
    });
    if (!done.error) {
      setFormKey((key) => key + 1);
      onDone(t('creditors.registered', { name: text('name') }));
    }
  };
  return (
    <Section title={t('creditors.registerTitle')} className="sh-card">
      <form className="sh-form" onSubmit={submit} key={formKey}>
        <TextField label={t('creditors.id')} name="id" required pattern="[a-z0-9-]+" hint={t('creditors.idHint')} />
        <TextField label={t('creditors.name')} name="name" required />
        <TextField label={t('creditors.kvk')} name="kvk" required pattern="\d{8}" inputMode="numeric" />
        <Fieldset>
          <FieldsetLegend>{t('creditors.sectors')}</FieldsetLegend>
          <div className="sh-checkbox-grid">
            {SECTORS.map((sector) => (
              <CheckboxField key={sector} label={t(`sector.${sector}`)} name="sectors" value={sector} />
            ))}
          </div>
        </Fieldset>
        <TextField label={t('creditors.keyId')} name="keyId" />
        <PemField name="pem" label={t('creditors.pem')} />
        <ErrorAlert error={state.error} subject="creditor" />
        <Button type="submit" appearance="primary-action-button" busy={state.fetching}>
          {t('creditors.register')}
        </Button>
      </form>
    </Section>
  );
}
