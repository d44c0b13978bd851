import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  addMonths,
  addWorkingDays,
  daysBetween,
  dutchPublicHolidays,
  easterSunday,
  isWorkingDay,
  workingDaysBetween,
} from './calendar.js';

describe('daysBetween / addDays / addMonths', () => {
  it.each([
    ['2026-01-01', '2026-01-31', 30],
    ['2026-01-31', '2026-01-01', -30],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-03-28', '2026-03-30', 2], // across the switch to summer time: no clock, no 23-hour day
  ])('daysBetween(%s, %s) = %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 0, '2026-01-01'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-01-15', 6, '2025-07-15'],
    ['2025-08-31', 6, '2026-02-28'], // clamped to the shorter month
    ['2023-08-31', 6, '2024-02-29'], // leap year
    ['2025-12-31', 2, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2025-11-30', 14, '2027-01-30'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-1-01'], ['']])('refuses %p, which is not a calendar date', (date) => {
    expect(() => daysBetween(date, '2026-01-01')).toThrow(RangeError);
    expect(() => addMonths(date, 1)).toThrow(RangeError);
  });
});

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('dutchPublicHolidays (Algemene termijnenwet art. 3 lid 1 and 2)', () => {
  it('lists the 2026 holidays in date order', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaarsdag' },
      { date: '2026-04-03', name: 'Goede Vrijdag' }, // Atw art. 3 lid 2
      { date: '2026-04-06', name: 'Tweede Paasdag' },
      { date: '2026-04-27', name: 'Koningsdag' },
      { date: '2026-05-05', name: 'Bevrijdingsdag' },
      { date: '2026-05-14', name: 'Hemelvaartsdag' },
      { date: '2026-05-25', name: 'Tweede Pinksterdag' },
      { date: '2026-12-25', name: 'Eerste Kerstdag' },
      { date: '2026-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it.each([
    [2014, '2014-04-26'], // 27 April 2014 was a Sunday: celebrated on Saturday the 26th
    [2025, '2025-04-26'], // idem 2025
    [2026, '2026-04-27'],
    [2013, '2013-04-30'], // Koninginnedag
    [2006, '2006-04-29'], // Koninginnedag on a Sunday: the 29th
  ])('the King’s (Queen’s) birthday in %i is celebrated on %s', (year, date) => {
    expect(dutchPublicHolidays(year).filter((holiday) => holiday.date.slice(5, 7) === '04')).toContainEqual({
      date,
      name: year >= 2014 ? 'Koningsdag' : 'Koninginnedag',
    });
  });

  it('keeps the dates sorted when an early Easter puts Ascension Day before 5 May', () => {
    const dates = dutchPublicHolidays(2008).map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-04-02', true, 'Thursday before Easter'],
    ['2026-04-03', false, 'Goede Vrijdag (Atw art. 3 lid 2)'],
    ['2026-04-04', false, 'Saturday'],
    ['2026-04-05', false, 'Easter Sunday (a Sunday)'],
    ['2026-04-06', false, 'Tweede Paasdag'],
    ['2026-04-07', true, 'Tuesday after Easter'],
    ['2026-04-27', false, 'Koningsdag'],
    ['2026-05-05', false, 'Bevrijdingsdag, every year in the Atw'],
    ['2027-05-05', false, 'Bevrijdingsdag 2027 (a Wednesday)'],
    ['2026-05-14', false, 'Hemelvaartsdag'],
    ['2026-05-15', true, 'Friday after Ascension: only a royal-decree day (art. 3 lid 3), not modelled'],
    ['2026-05-25', false, 'Tweede Pinksterdag'],
    ['2026-12-24', true, 'Christmas Eve'],
    ['2026-12-25', false, 'Eerste Kerstdag'],
    ['2026-12-28', true, 'Monday after Christmas'],
    ['2027-01-01', false, 'Nieuwjaarsdag'],
  ])('%s → %p (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays / workingDaysBetween', () => {
  it.each([
    // Skips Goede Vrijdag 3 April, Easter Monday 6 April and Koningsdag 27 April 2026.
    ['2026-04-01', 20, '2026-05-04'],
    ['2026-04-01', 19, '2026-05-01'],
    // Skips Christmas Day (Friday) and the weekend.
    ['2026-12-24', 3, '2026-12-30'],
    // No holiday in March 2026: four weeks.
    ['2026-03-02', 20, '2026-03-30'],
    ['2026-04-04', 1, '2026-04-07'], // from a Saturday, past Easter Monday
    ['2025-12-31', 1, '2026-01-02'], // past Nieuwjaarsdag
    ['2026-05-01', 0, '2026-05-01'],
    ['2026-05-04', -20, '2026-04-01'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-04-01', '2026-05-04', 20],
    ['2026-04-01', '2026-05-01', 19],
    ['2026-05-04', '2026-04-01', -20],
    ['2026-12-24', '2026-12-30', 3],
    ['2026-12-24', '2026-12-27', 0], // Christmas and a weekend
    ['2026-04-01', '2026-04-01', 0],
  ])('workingDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('refuses a fractional number of working days', () => {
    expect(() => addWorkingDays('2026-04-01', 1.5)).toThrow(RangeError);
  });

  it('addWorkingDays undoes workingDaysBetween for every working day of 2026', () => {
    for (let day = addDays('2026-01-01', 1); day <= '2026-12-31'; day = addDays(day, 1)) {
      if (isWorkingDay(day)) expect(addWorkingDays('2026-01-01', workingDaysBetween('2026-01-01', day))).toBe(day);
    }
  });
});
