import { describe, expect, it } from '@jest/globals';
import { PROCESSING_ACTIVITIES, processingActivity } from './processing-activities.js';

describe('the register of processing activities (AVG art. 30)', () => {
  it('has unique codes, each with a purpose, a legal basis, recipients and a retention', () => {
    const codes = PROCESSING_ACTIVITIES.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const activity of PROCESSING_ACTIVITIES) {
      expect(activity.purpose.length).toBeGreaterThan(20);
      expect(activity.legalBasis).toMatch(/AVG art\. /);
      expect(activity.recipients.length).toBeGreaterThan(0);
      expect(activity.retention.length).toBeGreaterThan(10);
    }
  });

  it('finds an activity by code, and nothing for an unknown code', () => {
    expect(processingActivity('WORK_CASE')?.name).toBe('Oppakken en behandelen van vroegsignaalzaken');
    expect(processingActivity('NOPE')).toBeUndefined();
  });
});
