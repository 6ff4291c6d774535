import { describe, expect, it } from 'vitest';
import {
  billingCalendarDate,
  billingDateView,
  billingSortKey,
  calendarDateAt,
  daysBetween,
  formatCalendarDate,
  relativeDays,
} from '../../renderer/src/lib/billing-date';

const NOW = Date.parse('2026-11-27T10:00:00Z');

describe('formatCalendarDate', () => {
  const d = { year: 2026, month: 3, day: 9 };
  it('follows the project date format', () => {
    expect(formatCalendarDate(d, 'YYYY-MM-DD')).toBe('2026-03-09');
    expect(formatCalendarDate(d, 'DD-MM-YYYY')).toBe('09-03-2026');
    expect(formatCalendarDate(d, 'MM-DD-YYYY')).toBe('03-09-2026');
    expect(formatCalendarDate(d, 'dd/mm/yyyy')).toBe('09/03/2026');
  });
  it('falls back to YYYY-MM-DD for a format it does not understand', () => {
    expect(formatCalendarDate(d, undefined)).toBe('2026-03-09');
    expect(formatCalendarDate(d, 'numeric')).toBe('2026-03-09');
    expect(formatCalendarDate(d, 'YYYY')).toBe('2026-03-09');
  });
});

describe('billingCalendarDate', () => {
  it('never shifts a date without a time, whatever the zone', () => {
    const date = { given: '2026-12-01', instant: '2026-12-01T00:00:00.000Z' };
    expect(billingCalendarDate(date, 'America/Los_Angeles')).toEqual({ year: 2026, month: 12, day: 1 });
    expect(billingCalendarDate(date, 'Pacific/Kiritimati')).toEqual({ year: 2026, month: 12, day: 1 });
    const dayFirst = { given: '01-12-2026', instant: '2026-12-01T00:00:00.000Z' };
    expect(billingCalendarDate(dayFirst, 'America/New_York')).toEqual({ year: 2026, month: 12, day: 1 });
  });
  it('converts a date with a time into the project zone', () => {
    const date = { given: '2026-12-01T20:00:00Z', instant: '2026-12-01T20:00:00.000Z' };
    expect(billingCalendarDate(date, 'Asia/Kolkata')).toEqual({ year: 2026, month: 12, day: 2 });
    expect(billingCalendarDate(date, 'Europe/London')).toEqual({ year: 2026, month: 12, day: 1 });
  });
  it('survives an unknown zone by using UTC', () => {
    expect(calendarDateAt(Date.parse('2026-12-01T20:00:00Z'), 'Not/AZone')).toEqual({ year: 2026, month: 12, day: 1 });
  });
  it('gives nothing for text that is not a date', () => {
    expect(billingCalendarDate({ given: 'next month' }, 'UTC')).toBeUndefined();
  });
});

describe('relative hints', () => {
  it('counts whole calendar days', () => {
    expect(daysBetween({ year: 2026, month: 11, day: 27 }, { year: 2026, month: 12, day: 2 })).toBe(5);
    expect(daysBetween({ year: 2026, month: 3, day: 1 }, { year: 2026, month: 2, day: 26 })).toBe(-3);
  });
  it('says it in words', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('tomorrow');
    expect(relativeDays(-1)).toBe('yesterday');
    expect(relativeDays(5)).toBe('in 5 days');
    expect(relativeDays(-3)).toBe('3 days ago');
  });
  it('uses "today" in the project zone, not the viewer’s', () => {
    // 10:00 UTC on 27 Nov is already 28 Nov in Kiritimati (UTC+14).
    const view = billingDateView(
      { given: '2026-11-28' },
      { timeZone: 'Pacific/Kiritimati', dateFormat: 'DD-MM-YYYY' },
      NOW,
    );
    expect(view).toEqual({ text: '28-11-2026', relative: 'today', daysLeft: 0 });
    const ny = billingDateView({ given: '2026-11-28' }, { timeZone: 'America/New_York' }, NOW);
    expect(ny?.relative).toBe('tomorrow');
  });
  it('shows the server text when the date does not parse, and nothing when it is empty', () => {
    expect(billingDateView({ given: 'soon' }, {}, NOW)).toEqual({ text: 'soon' });
    expect(billingDateView({ given: '' }, {}, NOW)).toBeUndefined();
    expect(billingDateView(undefined, {}, NOW)).toBeUndefined();
  });
});

describe('billingSortKey', () => {
  it('orders by calendar day and leaves unknown dates undefined', () => {
    const a = billingSortKey({ given: '2026-01-02' });
    const b = billingSortKey({ given: '03-01-2026', instant: '2026-01-03T00:00:00.000Z' }, 'America/New_York');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect((a ?? 0) < (b ?? 0)).toBe(true);
    expect(billingSortKey({ given: 'n/a' })).toBeUndefined();
  });
});
