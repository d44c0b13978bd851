import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../ui/RouterLink';

/**
 * One page for "does not exist" and "not yours": the hub answers both the same (NOT_FOUND), so the
 * console does not tell them apart either.
 */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t('notFound.title')}</Heading1>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t('notFound.back')}</RouterLink>
      </Paragraph>
    </>
  );
}
