import { lazy } from 'react';
import type { ConsoleView } from '../../app/view';
import { CREDITORS_PATH, POLICIES_PATH, UNROUTED_PATH } from './paths';

const CreditorsPage = lazy(() => import('./CreditorsPage'));
const PoliciesPage = lazy(() => import('./PoliciesPage'));
const UnroutedPage = lazy(() => import('./UnroutedPage'));

/** The hub operator keeps the registry and routes what the hub could not; no municipality's cases. */
const OPERATOR = ['operator'] as const;

export const operatorViews: ConsoleView[] = [
  { path: CREDITORS_PATH, roles: OPERATOR, component: CreditorsPage, nav: { label: 'creditors', order: 90 } },
  { path: UNROUTED_PATH, roles: OPERATOR, component: UnroutedPage, nav: { label: 'unrouted', order: 100 } },
  { path: POLICIES_PATH, roles: OPERATOR, component: PoliciesPage, nav: { label: 'policies', order: 110 } },
];
