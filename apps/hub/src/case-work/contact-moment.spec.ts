import { describe, expect, it } from '@jest/globals';
import { contactMomentOf, type ContactMomentInput } from './contact-moment.js';

// 20:30 in Amsterdam (winter time) on 1 December 2026.
const NOW = new Date('2026-12-01T19:30:00Z');
const OPENED = '2026-11-20';

describe('the moment of a contact attempt', () => {
  it.each<[string, ContactMomentInput, { attemptedOn: string; dayPart: string | null }]>([
    [
      'an evening visit, dagdeel from the Dutch clock',
      { at: new Date('2026-12-01T18:15:00Z') },
      { attemptedOn: '2026-12-01', dayPart: 'EVENING' },
    ],
    ['a morning call', { at: new Date('2026-11-30T08:00:00Z') }, { attemptedOn: '2026-11-30', dayPart: 'MORNING' }],
    [
      'late evening UTC is the next Dutch day',
      { at: new Date('2026-11-29T23:30:00Z') },
      { attemptedOn: '2026-11-30', dayPart: 'MORNING' },
    ],
    [
      'a clock slightly ahead is not the future',
      { at: new Date('2026-12-01T19:33:00Z') },
      { attemptedOn: '2026-12-01', dayPart: 'EVENING' },
    ],
    ['a date alone: no dagdeel', { date: '2026-11-25' }, { attemptedOn: '2026-11-25', dayPart: null }],
    [
      'a date with the dagdeel the worker gives',
      { date: '2026-12-01', dayPart: 'AFTERNOON' },
      { attemptedOn: '2026-12-01', dayPart: 'AFTERNOON' },
    ],
    ['the day the case opened', { date: OPENED }, { attemptedOn: OPENED, dayPart: null }],
  ])('%s', (_name, input, expected) => {
    expect(contactMomentOf(input, NOW, OPENED)).toEqual({ ok: true, moment: expected });
  });

  it.each<[string, ContactMomentInput]>([
    ['a moment in the future', { at: new Date('2026-12-01T19:40:00Z') }],
    ['tomorrow', { date: '2026-12-02' }],
    ['before the case was opened', { date: '2026-11-19' }],
    ['a moment before the case was opened', { at: new Date('2026-11-19T12:00:00Z') }],
    ['neither moment nor date', {}],
    ['both moment and date', { at: new Date('2026-12-01T10:00:00Z'), date: '2026-12-01' }],
    ['a dayPart that could contradict the moment', { at: new Date('2026-12-01T10:00:00Z'), dayPart: 'EVENING' }],
    ['not a calendar date', { date: '2026-02-30' }],
    ['not a date at all', { date: '1 december' }],
    ['an invalid moment', { at: new Date('nonsense') }],
  ])('refuses %s', (_name, input) => {
    expect(contactMomentOf(input, NOW, OPENED)).toMatchObject({ ok: false });
  });
});
