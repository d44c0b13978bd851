import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorSentence, type ErrorSubject } from '../api/errors';

/** An API error as a sentence, announced to screen readers. */
export function ErrorAlert({ error, subject }: { error: CombinedError | undefined | null; subject?: ErrorSubject }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{errorSentence(error, t, subject)}</Paragraph>
    </Alert>
  );
}
