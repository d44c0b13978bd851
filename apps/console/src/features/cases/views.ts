import { lazy } from 'react';
import type { ConsoleView } from '../../app/view';
import { CASES_PATH, MY_CASES_PATH } from './paths';

const CaseListPage = lazy(() => import('./CaseListPage'));
const MyCasesPage = lazy(() => import('./MyCasesPage'));
const CaseDetailPage = lazy(() => import('./CaseDetailPage'));

/** Team leads read and work cases as workers do (README "Team leads and work queues"). */
const CASE_ROLES = ['worker', 'team_lead'] as const;

export const caseViews: ConsoleView[] = [
  { path: CASES_PATH, roles: CASE_ROLES, component: CaseListPage, nav: { label: 'cases', order: 10 } },
  { path: MY_CASES_PATH, roles: CASE_ROLES, component: MyCasesPage, nav: { label: 'myCases', order: 20 } },
  { path: `${CASES_PATH}/:id`, roles: CASE_ROLES, component: CaseDetailPage },
];
