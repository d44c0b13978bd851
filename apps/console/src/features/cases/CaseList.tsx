import {
  Button,
  FormField,
  FormLabel,
  Heading1,
  Paragraph,
  Select,
  SelectOption,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import type { CaseFilter, CaseOrder, CaseStatus, CreditorSpread, Sector } from '../../gql/graphql';
import { formatAddress, formatCents, formatDay } from '../../i18n/format';
import { DataTable, Loading, MoreButton } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RouterLink } from '../../ui/RouterLink';
import { CaseEventsSubscription, CasesQuery } from './documents';
import { casePath } from './paths';
import { UrgencyCell } from './UrgencyCell';
import { SECTORS, STATUSES } from './vocabulary';

const PAGE_SIZE = 25;

interface Filters {
  status: CaseStatus | '';
  sector: Sector | '';
  spread: CreditorSpread | '';
  order: CaseOrder;
}

function readFilters(params: URLSearchParams): Filters {
  const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T | ''): T | '' =>
    value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  return {
    status: params.get('status') === 'ALL' ? '' : pick(params.get('status'), STATUSES, 'NEW'),
    sector: pick(params.get('sector'), SECTORS, ''),
    spread: pick(params.get('schuldeisers'), ['SINGLE', 'MULTI'] as const, ''),
    order: pick(params.get('volgorde'), ['URGENCY', 'NEWEST'] as const, 'URGENCY') || 'URGENCY',
  };
}

/**
 * The worker's list of cases, most urgent first, with filters in the address (so a filtered list
 * can be bookmarked) and live updates: a new or changed case of the municipality refreshes it.
 */
export function CaseList({ mine }: { mine: boolean }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [after, setAfter] = useState<string | null>(null);
  const filter: CaseFilter = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.sector ? { sector: filters.sector } : {}),
    ...(filters.spread ? { creditorSpread: filters.spread } : {}),
    ...(mine ? { assignedToMe: true } : {}),
  };
  const [result, reexecute] = useQuery({
    query: CasesQuery,
    variables: { first: PAGE_SIZE, after, filter, orderBy: filters.order },
  });
  const [events] = useSubscription({ query: CaseEventsSubscription });
  const [notice, setNotice] = useState('');
  const shownIds = useRef(new Set<string>());
  shownIds.current = new Set(result.data?.cases.edges.map((edge) => edge.node.id));

  useEffect(() => {
    const event = events.data?.caseEvents;
    if (!event) return;
    const isNew = event.kind === 'SIGNAL_ADDED' && !shownIds.current.has(event.caseId);
    setNotice(t(isNew ? 'cases.newCaseNotice' : 'cases.updatedNotice'));
    reexecute({ requestPolicy: 'network-only' });
  }, [events.data, reexecute, t]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['status', 'sector', 'schuldeisers', 'volgorde']) {
      const value = form.get(key);
      // The status filter keeps "all" explicitly: its default is "new".
      if (typeof value === 'string' && (value !== '' || key === 'status')) next.set(key, value || 'ALL');
    }
    setAfter(null);
    setParams(next);
  };

  const cases = result.data?.cases;
  const orderLabel = t(filters.order === 'URGENCY' ? 'cases.orderUrgency' : 'cases.orderNewest');
  return (
    <>
      <Heading1>{t(mine ? 'cases.myTitle' : 'cases.title')}</Heading1>
      <Paragraph>{t(mine ? 'cases.myIntro' : 'cases.intro')}</Paragraph>
      <form className="sh-filters" onSubmit={onSubmit} aria-label={t('cases.filters')}>
        <FilterSelect name="status" label={t('cases.status')} value={filters.status || 'ALL'}>
          <SelectOption value="ALL">{t('cases.any')}</SelectOption>
          {STATUSES.map((status) => (
            <SelectOption key={status} value={status}>
              {t(`status.${status}`)}
            </SelectOption>
          ))}
        </FilterSelect>
        <FilterSelect name="sector" label={t('cases.sector')} value={filters.sector}>
          <SelectOption value="">{t('cases.any')}</SelectOption>
          {SECTORS.map((sector) => (
            <SelectOption key={sector} value={sector}>
              {t(`sector.${sector}`)}
            </SelectOption>
          ))}
        </FilterSelect>
        <FilterSelect name="schuldeisers" label={t('cases.creditorSpread')} value={filters.spread}>
          <SelectOption value="">{t('cases.any')}</SelectOption>
          <SelectOption value="SINGLE">{t('spread.SINGLE')}</SelectOption>
          <SelectOption value="MULTI">{t('spread.MULTI')}</SelectOption>
        </FilterSelect>
        <FilterSelect name="volgorde" label={t('cases.order')} value={filters.order}>
          <SelectOption value="URGENCY">{t('cases.orderUrgency')}</SelectOption>
          <SelectOption value="NEWEST">{t('cases.orderNewest')}</SelectOption>
        </FilterSelect>
        <Button type="submit" appearance="secondary-action-button">
          {t('cases.apply')}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="sh-live">
        {notice && <Paragraph>{notice}</Paragraph>}
      </div>
      <ErrorAlert error={result.error} />
      {cases && (
        <>
          <Paragraph>{t('cases.count', { count: cases.totalCount })}</Paragraph>
          {cases.edges.length === 0 ? (
            <Paragraph>{t('cases.empty')}</Paragraph>
          ) : (
            <DataTable
              caption={t('cases.caption', { order: orderLabel })}
              columns={[
                t('cases.columns.urgency'),
                t('cases.columns.address'),
                t('cases.columns.status'),
                t('cases.columns.sectors'),
                { label: t('cases.columns.creditors'), numeric: true },
                { label: t('cases.columns.amount'), numeric: true },
                t('cases.columns.lastSignal'),
              ]}
            >
              {cases.edges.map(({ node }) => {
                const address = formatAddress(node.household);
                return (
                  <TableRow key={node.id} data-case-id={node.id}>
                    <UrgencyCell urgency={node.urgency} />
                    <TableCell>
                      <RouterLink to={casePath(node.id)} aria-label={t('cases.open', { address })}>
                        {address}
                      </RouterLink>
                    </TableCell>
                    <TableCell>{t(`status.${node.status}`)}</TableCell>
                    <TableCell>{node.sectors.map((s) => t(`sector.${s}`)).join(', ')}</TableCell>
                    <TableCell className="sh-number">{node.creditorCount}</TableCell>
                    <TableCell className="sh-number">{formatCents(node.totalAmountCents, i18n.language)}</TableCell>
                    <TableCell>{formatDay(node.lastSignalDate, i18n.language)}</TableCell>
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

function FilterSelect({
  name,
  label,
  value,
  children,
}: {
  name: string;
  label: string;
  value: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <FormField type="select" label={<FormLabel htmlFor={id}>{label}</FormLabel>}>
      <Select id={id} name={name} defaultValue={value} key={value}>
        {children}
      </Select>
    </FormField>
  );
}
