// The privacy officer's lists of the schema's codes, in the order the console shows them.
import type { DataSharingGroupBy, ProcessingActivityCode } from '../../gql/graphql';

/** The register of processing activities (AVG art. 30), as the audit trail tags its entries. */
export const ACTIVITIES: readonly ProcessingActivityCode[] = [
  'RECEIVE_SIGNAL',
  'WORK_CASE',
  'INFORM_CREDITOR',
  'REPORT_MONITOR',
  'OPERATE_REGISTRY',
  'SUPERVISE_PRIVACY',
];

export const GROUPINGS: readonly DataSharingGroupBy[] = ['CREDITOR', 'SECTOR', 'MONTH'];
