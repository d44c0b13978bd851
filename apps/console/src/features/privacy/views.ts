import { lazy } from 'react';
import type { ConsoleView } from '../../app/view';
import { AUDIT_LOG_PATH, DATA_SHARING_PATH, RETENTION_PATH, SUBJECT_ACCESS_PATH } from './paths';

const AuditLogPage = lazy(() => import('./AuditLogPage'));
const DataSharingPage = lazy(() => import('./DataSharingPage'));
const RetentionPage = lazy(() => import('./RetentionPage'));
const SubjectAccessPage = lazy(() => import('./SubjectAccessPage'));

/** The privacy officer (FG) of a municipality supervises; nobody else reads these views. */
const PRIVACY_OFFICER = ['privacy_officer'] as const;

export const privacyViews: ConsoleView[] = [
  { path: AUDIT_LOG_PATH, roles: PRIVACY_OFFICER, component: AuditLogPage, nav: { label: 'auditLog', order: 50 } },
  {
    path: DATA_SHARING_PATH,
    roles: PRIVACY_OFFICER,
    component: DataSharingPage,
    nav: { label: 'dataSharing', order: 60 },
  },
  { path: RETENTION_PATH, roles: PRIVACY_OFFICER, component: RetentionPage, nav: { label: 'retention', order: 70 } },
  {
    path: SUBJECT_ACCESS_PATH,
    roles: PRIVACY_OFFICER,
    component: SubjectAccessPage,
    nav: { label: 'subjectAccess', order: 80 },
  },
];
