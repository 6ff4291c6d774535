// The one table of date cases every surface is checked against (pure module, tray, notifications, CLI, window):
// (now, the user's zone, the project's zone, the billing date as sent) → the user's calendar date and the days
// from the user's today. DST changes, zones either side of the date line, and the Los Angeles example of issue 10.
// Not a test file itself.

export interface DateCase {
  /** A short id, also the project's name where a surface needs one. */
  id: string;
  now: string;
  userZone: string;
  projectZone: string | undefined;
  given: string;
  dateFormat?: string;
  /** The billing instant, when the case pins it. */
  instant?: string;
  /** The user's calendar date of the billing instant. */
  day: { year: number; month: number; day: number };
  daysLeft: number;
  /** How it reads in en-GB, the list's first line. */
  textEnGb: string;
  relative: string;
  soon: boolean;
}

const LA_NOON_30_NOV = '2026-11-30T20:00:00Z';

export const DATE_CASES: readonly DateCase[] = [
  // Issue 10's example: Los Angeles at noon on 30 November, a billing date of 2026-12-01.
  {
    id: 'la-project-utc',
    now: LA_NOON_30_NOV,
    userZone: 'America/Los_Angeles',
    projectZone: 'UTC',
    given: '2026-12-01',
    instant: '2026-12-01T00:00:00.000Z',
    day: { year: 2026, month: 11, day: 30 },
    daysLeft: 0,
    textEnGb: '30 Nov 2026',
    relative: 'today',
    soon: true,
  },
  {
    id: 'la-project-la',
    now: LA_NOON_30_NOV,
    userZone: 'America/Los_Angeles',
    projectZone: 'America/Los_Angeles',
    given: '2026-12-01',
    instant: '2026-12-01T08:00:00.000Z',
    day: { year: 2026, month: 12, day: 1 },
    daysLeft: 1,
    textEnGb: '1 Dec 2026',
    relative: 'tomorrow',
    soon: true,
  },
  {
    id: 'la-project-kolkata',
    now: LA_NOON_30_NOV,
    userZone: 'America/Los_Angeles',
    projectZone: 'Asia/Kolkata',
    given: '01-12-2026',
    dateFormat: 'DD-MM-YYYY',
    instant: '2026-11-30T18:30:00.000Z',
    day: { year: 2026, month: 11, day: 30 },
    daysLeft: 0,
    textEnGb: '30 Nov 2026',
    relative: 'today',
    soon: true,
  },
  {
    id: 'la-project-no-zone',
    now: LA_NOON_30_NOV,
    userZone: 'America/Los_Angeles',
    projectZone: undefined,
    given: '12-03-2026',
    dateFormat: 'MM-DD-YYYY',
    instant: '2026-12-03T00:00:00.000Z',
    day: { year: 2026, month: 12, day: 2 },
    daysLeft: 2,
    textEnGb: '2 Dec 2026',
    relative: 'in 2 days',
    soon: true,
  },
  // Either side of the date line: Kiritimati is UTC+14, Pago Pago UTC-11.
  {
    id: 'kiritimati-user-pago-project',
    now: LA_NOON_30_NOV,
    userZone: 'Pacific/Kiritimati',
    projectZone: 'Pacific/Pago_Pago',
    given: '2026-12-01',
    instant: '2026-12-01T11:00:00.000Z',
    day: { year: 2026, month: 12, day: 2 },
    daysLeft: 1,
    textEnGb: '2 Dec 2026',
    relative: 'tomorrow',
    soon: true,
  },
  {
    id: 'pago-user-kiritimati-project',
    now: LA_NOON_30_NOV,
    userZone: 'Pacific/Pago_Pago',
    projectZone: 'Pacific/Kiritimati',
    given: '2026-12-01',
    instant: '2026-11-30T10:00:00.000Z',
    day: { year: 2026, month: 11, day: 29 },
    daysLeft: -1,
    textEnGb: 'Was due 29 Nov',
    relative: 'yesterday',
    soon: false,
  },
  // Daylight saving: New York springs forward on 8 March 2026; the days still count as days.
  {
    id: 'new-york-spring-forward',
    now: '2026-03-07T17:00:00Z',
    userZone: 'America/New_York',
    projectZone: 'America/New_York',
    given: '2026-03-10',
    instant: '2026-03-10T04:00:00.000Z',
    day: { year: 2026, month: 3, day: 10 },
    daysLeft: 3,
    textEnGb: '10 Mar 2026',
    relative: 'in 3 days',
    soon: true,
  },
  {
    id: 'new-york-outside-window',
    now: '2026-03-07T17:00:00Z',
    userZone: 'America/New_York',
    projectZone: 'America/New_York',
    given: '2026-03-11',
    day: { year: 2026, month: 3, day: 11 },
    daysLeft: 4,
    textEnGb: '11 Mar 2026',
    relative: 'in 4 days',
    soon: false,
  },
  // London falls back on 25 October 2026: half past midnight that day is still 25 October.
  {
    id: 'london-fall-back',
    now: '2026-10-24T23:30:00Z',
    userZone: 'Europe/London',
    projectZone: 'Europe/London',
    given: '2026-10-26',
    instant: '2026-10-26T00:00:00.000Z',
    day: { year: 2026, month: 10, day: 26 },
    daysLeft: 1,
    textEnGb: '26 Oct 2026',
    relative: 'tomorrow',
    soon: true,
  },
  // Santiago's clocks jump from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00.
  {
    id: 'santiago-midnight-gap',
    now: '2026-09-05T12:00:00Z',
    userZone: 'UTC',
    projectZone: 'America/Santiago',
    given: '2026-09-06',
    instant: '2026-09-06T04:00:00.000Z',
    day: { year: 2026, month: 9, day: 6 },
    daysLeft: 1,
    textEnGb: '6 Sept 2026',
    relative: 'tomorrow',
    soon: true,
  },
  // A time with an offset is exact; a time without one is the project's wall clock.
  {
    id: 'offset-given',
    now: '2026-11-28T09:00:00Z',
    userZone: 'Europe/Berlin',
    projectZone: 'Asia/Tokyo',
    given: '2026-12-01T00:30:00+05:30',
    instant: '2026-11-30T19:00:00.000Z',
    day: { year: 2026, month: 11, day: 30 },
    daysLeft: 2,
    textEnGb: '30 Nov 2026',
    relative: 'in 2 days',
    soon: true,
  },
  {
    id: 'wall-time-tokyo',
    now: '2026-11-28T09:00:00Z',
    userZone: 'UTC',
    projectZone: 'Asia/Tokyo',
    given: '2026-12-01 08:30',
    instant: '2026-11-30T23:30:00.000Z',
    day: { year: 2026, month: 11, day: 30 },
    daysLeft: 2,
    textEnGb: '30 Nov 2026',
    relative: 'in 2 days',
    soon: true,
  },
  // Past dates read "Was due", with the year when it is not this year.
  {
    id: 'past-this-year',
    now: '2026-11-30T12:00:00Z',
    userZone: 'UTC',
    projectZone: 'UTC',
    given: '2026-11-18',
    day: { year: 2026, month: 11, day: 18 },
    daysLeft: -12,
    textEnGb: 'Was due 18 Nov',
    relative: '12 days ago',
    soon: false,
  },
  {
    id: 'past-last-year',
    now: '2026-01-02T12:00:00Z',
    userZone: 'UTC',
    projectZone: 'Mars/Olympus_Mons',
    given: '2025-12-30',
    instant: '2025-12-30T00:00:00.000Z',
    day: { year: 2025, month: 12, day: 30 },
    daysLeft: -3,
    textEnGb: 'Was due 30 Dec 2025',
    relative: '3 days ago',
    soon: false,
  },
];
