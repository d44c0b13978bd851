import {
  Alert,
  Button,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The listing pages (cases, queues, creditors, unrouted signals, retention, audit log) share one table
// frame, one loading line, one live notice and one "more" button, so a change to their accessibility
// (the hidden caption, column scopes, the polite live region) is made once for all of them.

/** A column header; numeric columns are right-aligned like their cells. */
export type Column = string | { label: string; numeric: true };

/**
 * A scrollable table with a caption for screen readers (visually hidden: the page heading already
 * says what the table is) and column headers scoped to their columns. `children` are the body rows.
 */
export function DataTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="sh-table-wrap">
      <Table className={className}>
        <TableCaption className="sh-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) =>
              typeof column === 'string' ? (
                <TableHeaderCell scope="col" key={i}>
                  {column}
                </TableHeaderCell>
              ) : (
                <TableHeaderCell scope="col" className="sh-number" key={i}>
                  {column.label}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}

/** Shown while a page's first answer is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return <Paragraph>{t('app.loading')}</Paragraph>;
}

/**
 * The polite live region that announces a finished action. It is always rendered (empty when there is
 * nothing to say) so screen readers already watch it when the message arrives.
 */
export function OkNotice({ message }: { message: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="sh-live">
      {message && (
        <Alert type="ok">
          <Paragraph>{message}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/** Loads the next page of a connection; absent on its last page. */
export function MoreButton({
  pageInfo,
  onMore,
  children,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  onMore(after: string | null): void;
  children: ReactNode;
}) {
  if (!pageInfo.hasNextPage) return null;
  return (
    <Button appearance="secondary-action-button" onClick={() => onMore(pageInfo.endCursor ?? null)}>
      {children}
    </Button>
  );
}
