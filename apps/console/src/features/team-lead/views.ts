import { lazy } from 'react';
import type { ConsoleView } from '../../app/view';
import { KPIS_PATH, QUEUES_PATH } from './paths';

const WorkQueuesPage = lazy(() => import('./WorkQueuesPage'));
const QueuePage = lazy(() => import('./QueuePage'));
const KpiPage = lazy(() => import('./KpiPage'));

/** Only a team lead keeps the queues, assigns cases and reports (README "Team leads and work queues"). */
const TEAM_LEAD = ['team_lead'] as const;

export const teamLeadViews: ConsoleView[] = [
  { path: QUEUES_PATH, roles: TEAM_LEAD, component: WorkQueuesPage, nav: { label: 'queues', order: 30 } },
  { path: `${QUEUES_PATH}/:id`, roles: TEAM_LEAD, component: QueuePage },
  { path: KPIS_PATH, roles: TEAM_LEAD, component: KpiPage, nav: { label: 'kpis', order: 40 } },
];
