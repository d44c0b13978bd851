import { TableCell } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

/** The urgency score of a case in a list of cases (the case list, a work queue), or that it has none yet. */
export function UrgencyCell({ urgency }: { urgency?: { score: number } | null }) {
  const { t } = useTranslation();
  return <TableCell className="sh-number sh-urgency">{urgency ? urgency.score : t('cases.notScored')}</TableCell>;
}
