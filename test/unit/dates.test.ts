import { afterEach, describe, expect, it } from 'vitest';
import {
  ATTENTION_DAYS,
  billingInstantIso,
  billingView,
  calendarDayAt,
  findTemporal,
  formatDay,
  instantOfWallTime,
  parseBillingText,
  projectBillingText,
  readableBilling,
  relativeDays,
  shortDateTime,
  timeAgo,
  useTemporalForTests,
} from '../../app/core/dates';
import { DATE_CASES } from '../helpers/date-cases';

const projectOf = (c: (typeof DATE_CASES)[number]) => ({
  nextBillingDate: { given: c.given },
  dateFormat: c.dateFormat,
  timeZone: c.projectZone,
});

describe('the date rule, on the table of cases', () => {
  for (const c of DATE_CASES) {
    it(`${c.id}: ${c.given} in ${c.projectZone ?? 'no zone'}, seen from ${c.userZone} at ${c.now}`, () => {
      const view = readableBilling(projectOf(c), Date.parse(c.now), { timeZone: c.userZone, locale: 'en-GB' });
      expect(view).toBeDefined();
      if (c.instant) expect(new Date(view!.ms).toISOString()).toBe(c.instant);
      expect(view!.day).toEqual(c.day);
      expect(view!.daysLeft).toBe(c.daysLeft);
      expect(view!.text).toBe(c.textEnGb);
      expect(view!.relative).toBe(c.relative);
      expect(view!.soon).toBe(c.soon);
    });
  }
});

describe('the date rule without Temporal (the Intl path main and the CLI use)', () => {
  afterEach(() => useTemporalForTests(findTemporal()));
  it('gives the same instants and days as the table', () => {
    useTemporalForTests(undefined);
    for (const c of DATE_CASES) {
      const view = readableBilling(projectOf(c), Date.parse(c.now), { timeZone: c.userZone });
      if (c.instant) expect(new Date(view!.ms).toISOString(), c.id).toBe(c.instant);
      expect(view!.daysLeft, c.id).toBe(c.daysLeft);
    }
  });
});

describe('reading billing text', () => {
  it('reads ISO dates, times with and without offsets, and day-first / month-first only with a date format', () => {
    expect(billingInstantIso('2026-03-05')).toBe('2026-03-05T00:00:00.000Z');
    expect(billingInstantIso('2026-03-05', undefined, 'Asia/Kolkata')).toBe('2026-03-04T18:30:00.000Z');
    expect(billingInstantIso('2026-03-05 14:30:00', undefined, 'Europe/Paris')).toBe('2026-03-05T13:30:00.000Z');
    expect(billingInstantIso('2026-03-05T10:00:00+05:30', undefined, 'Europe/Paris')).toBe('2026-03-05T04:30:00.000Z');
    expect(billingInstantIso('05-03-2026', 'DD-MM-YYYY')).toBe('2026-03-05T00:00:00.000Z');
    expect(billingInstantIso('05-03-2026', 'MM-DD-YYYY')).toBe('2026-05-03T00:00:00.000Z');
    expect(billingInstantIso('05-03-2026')).toBeUndefined();
    for (const text of ['2026-02-30', '2026-13-01', 'next Tuesday', '2025-02-29 10:00:00', '0000-01-01'])
      expect(billingInstantIso(text), text).toBeUndefined();
  });

  it('reads a date with hundreds of digits of fractional seconds as its instant', () => {
    const long = `2026-12-01T10:00:00.${'9'.repeat(400)}Z`;
    expect(billingInstantIso(long)).toBe('2026-12-01T10:00:00.999Z');
    expect(parseBillingText('1'.repeat(5000))).toBeUndefined();
  });

  it('falls back to the instant the wire computed when the text was cut', () => {
    const view = readableBilling(
      { nextBillingDate: { given: '2026-12-01T10:00:00.99999…', instant: '2026-12-01T10:00:00.999Z' } },
      Date.parse('2026-11-30T12:00:00Z'),
      { timeZone: 'UTC' },
    );
    expect(view?.daysLeft).toBe(1);
  });

  it('reads an unknown zone as UTC', () => {
    expect(billingInstantIso('2026-03-05', undefined, 'Nowhere/Special')).toBe('2026-03-05T00:00:00.000Z');
    expect(calendarDayAt(Date.parse('2026-03-05T23:30:00Z'), 'Nowhere/Special')).toEqual({
      year: 2026,
      month: 3,
      day: 5,
    });
  });

  it('takes the later side of a skipped hour and the earlier of a repeated one', () => {
    const wall = (day: number, hour: number) => ({ year: 2026, month: 3, day, hour, minute: 30, second: 0 });
    // 02:30 does not exist in New York on 8 March 2026: it means 03:30 EDT.
    expect(new Date(instantOfWallTime(wall(8, 2), 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first one, EDT.
    const fallBack = { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 };
    expect(new Date(instantOfWallTime(fallBack, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('words and formats', () => {
  it('writes days in the user’s regional format with the month as a word', () => {
    const day = { year: 2026, month: 12, day: 2 };
    expect(formatDay(day, { locale: 'en-GB' })).toBe('2 Dec 2026');
    expect(formatDay(day, { locale: 'en-US' })).toBe('Dec 2, 2026');
    expect(formatDay(day, { locale: 'de-DE' })).toBe('2. Dez. 2026');
    expect(formatDay(day, { locale: 'en-GB', withYear: false })).toBe('2 Dec');
    expect(formatDay(day, { locale: 'not a locale!' })).toMatch(/2026/);
  });

  it('counts relative days', () => {
    expect([0, 1, 2, -1, -12].map(relativeDays)).toEqual([
      'today',
      'tomorrow',
      'in 2 days',
      'yesterday',
      '12 days ago',
    ]);
    expect(ATTENTION_DAYS).toBe(3);
  });

  it('shows the project’s own reading for the detail', () => {
    const c = DATE_CASES.find((x) => x.id === 'la-project-kolkata')!;
    expect(projectBillingText(projectOf(c), { locale: 'en-GB' })).toBe('1 Dec 2026, Asia/Kolkata');
    expect(
      projectBillingText(
        { nextBillingDate: { given: '2026-12-01T00:30:00+05:30' }, timeZone: 'Asia/Tokyo' },
        { locale: 'en-GB' },
      ),
    ).toBe('1 Dec 2026 04:00, Asia/Tokyo');
    expect(projectBillingText({ nextBillingDate: { given: '2026-12-01' } }, { locale: 'en-GB' })).toBe(
      '1 Dec 2026, UTC',
    );
    expect(projectBillingText({ nextBillingDate: { given: 'soon' } })).toBeUndefined();
  });

  it('words a past date once: "Was due 18 Nov" to start a line, "was due 18 Nov" inside a sentence', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const opts = { locale: 'en-GB', timeZone: 'UTC' };
    expect(billingView({ nextBillingDate: { given: '2026-11-18' } }, now, opts)).toMatchObject({
      text: 'Was due 18 Nov',
      dayText: '18 Nov',
      wasDue: 'was due 18 Nov',
    });
    expect(billingView({ nextBillingDate: { given: '2025-11-18' } }, now, opts)).toMatchObject({
      text: 'Was due 18 Nov 2025',
      wasDue: 'was due 18 Nov 2025',
    });
    const future = billingView({ nextBillingDate: { given: '2026-12-02' } }, now, opts);
    expect(future).toMatchObject({ text: '2 Dec 2026', dayText: '2 Dec 2026' });
    expect(future && 'wasDue' in future ? future.wasDue : undefined).toBeUndefined();
  });

  it('keeps text that is not a date as sent, and nothing for no date', () => {
    expect(billingView({ nextBillingDate: { given: 'next Tuesday' } }, 0)).toEqual({ unreadable: 'next Tuesday' });
    expect(billingView({ nextBillingDate: { given: '  ' } }, 0)).toBeUndefined();
    expect(billingView({}, 0)).toBeUndefined();
  });
});

describe('timeAgo (the tray, the window and the CLI)', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  const cases: [number, string][] = [
    [10_000, 'just now'],
    [59_000, 'just now'],
    [60_000, '1 min ago'],
    [5 * 60_000 + 59_000, '5 min ago'],
    [59 * 60_000, '59 min ago'],
    [61 * 60_000, '1 h ago'],
    [23 * 3_600_000 + 59 * 60_000, '23 h ago'],
    [25 * 3_600_000, '1 day ago'],
    [3 * 86_400_000, '3 days ago'],
    [-5 * 60_000, 'in 5 min'],
  ];
  for (const [ms, text] of cases) {
    it(`${ms} ms ago -> ${text}`, () => {
      expect(timeAgo(new Date(now - ms).toISOString(), now)).toBe(text);
    });
  }
  it('says nothing for no time or a bad one', () => {
    expect(timeAgo(undefined, now)).toBeUndefined();
    expect(timeAgo('yesterday', now)).toBeUndefined();
  });
});

describe('shortDateTime', () => {
  it('gives the time today and the day and time on another day, in the user’s zone', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(shortDateTime('2026-11-27T09:05:00Z', now, { timeZone: 'UTC', locale: 'en-GB' })).toBe('09:05');
    expect(shortDateTime('2026-11-26T09:05:00Z', now, { timeZone: 'UTC', locale: 'en-GB' })).toBe('26 Nov 2026 09:05');
    // 23:30 UTC on the 26th is already the 27th in Kolkata: "today" there.
    expect(shortDateTime('2026-11-26T23:30:00Z', now, { timeZone: 'Asia/Kolkata', locale: 'en-GB' })).toBe('05:00');
    expect(shortDateTime(undefined, now)).toBeUndefined();
  });
});
