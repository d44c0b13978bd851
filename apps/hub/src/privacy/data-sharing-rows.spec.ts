import { describe, expect, it } from '@jest/globals';
import { dataSharingRows } from './privacy-reports.service.js';

describe('the rows of the data-sharing report', () => {
  it('merges the sources per key, counts refusals as received, and adds up the totals', () => {
    const { rows, totals } = dataSharingRows({
      stored: [
        { key: 'linde', stored: 4, accepted: 3 },
        { key: 'polderstroom', stored: 1, accepted: 1 },
      ],
      refused: [
        { key: 'linde', label: 'OBJECTION_RECEIVED', count: 2 },
        { key: null, label: 'BAD_SIGNATURE', count: 1 },
      ],
      dropped: [
        { key: 'linde', label: 'customerNumber', count: 2 },
        { key: 'polderstroom', label: 'bsn', count: 1 },
      ],
      feedback: [
        { key: 'linde', status: 'ACCEPTED', reasonCode: null, count: 3 },
        { key: 'polderstroom', status: 'ACCEPTED', reasonCode: null, count: 1 },
      ],
    });
    expect(rows.map((r) => [r.key, r.received, r.stored, r.accepted, r.refused])).toEqual([
      [null, 1, 0, 0, 1],
      ['linde', 6, 4, 3, 2],
      ['polderstroom', 1, 1, 1, 0],
    ]);
    expect(totals).toEqual({
      key: null,
      received: 8,
      stored: 5,
      accepted: 4,
      refused: 3,
      refusedByReason: [
        { label: 'BAD_SIGNATURE', count: 1 },
        { label: 'OBJECTION_RECEIVED', count: 2 },
      ],
      droppedFields: [
        { label: 'bsn', count: 1 },
        { label: 'customerNumber', count: 2 },
      ],
      feedbackByKind: [{ status: 'ACCEPTED', reasonCode: null, count: 4 }],
    });
  });
});
