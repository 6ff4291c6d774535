// The one set of date rules every surface uses (tray, notifications, CLI, window). Pure: no zod, no Node, so the
// renderer may import it (see PURE_CORE_MODULES in eslint.config.mjs).
//
// The rule: a billing date names a day (or a day and a time) in the PROJECT's time zone (UTC when it has none or
// names one we do not know); that gives an instant — the day's start when no time is sent, the exact moment when
// an offset is sent. Everything the user reads in lists, the tray, notifications and the CLI table is that instant
// in the USER's time zone: its calendar date, in the user's regional format with the month as a word, and
// "today", "tomorrow", "in N days", "N days ago" counted in the user's calendar days. The detail also shows the
// project's own reading ("1 Dec 2026, Asia/Kolkata"). So a date and its relative word never contradict each other.
//
// The user's zone is this runtime's local zone unless a caller names one (tests do). Local calendar dates come from
// Date's own getters; named zones from Temporal where the runtime has it (recent Chromium: no ICU locale data to
// load, so nothing costly on the way to the first screen), else from a cached Intl formatter per zone.
import type { BillingDate, Project } from './model';

/** Billing within this many of the user's calendar days (today included) needs attention. */
export const ATTENTION_DAYS = 3;

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export interface DateOptions {
  /** The user's IANA time zone; absent means this runtime's local zone. */
  timeZone?: string;
  /** The user's locale for words and order ("2 Dec 2026" vs "Dec 2, 2026"); absent means the runtime's. */
  locale?: string;
}

type ProjectDates = Pick<Project, 'nextBillingDate' | 'dateFormat' | 'timeZone'>;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Time zones

/** The slice of the standard Temporal API used here (TypeScript's libraries do not describe it yet). */
export interface TemporalLike {
  Instant: {
    fromEpochMilliseconds(ms: number): {
      toZonedDateTimeISO(timeZone: string): CalendarDay & { offsetNanoseconds: number };
    };
  };
}

/** Temporal where the runtime has it, else undefined. */
export function findTemporal(scope: object = globalThis): TemporalLike | undefined {
  const candidate = (scope as { Temporal?: unknown }).Temporal;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const instant = (candidate as { Instant?: { fromEpochMilliseconds?: unknown } }).Instant;
  return typeof instant?.fromEpochMilliseconds === 'function' ? (candidate as TemporalLike) : undefined;
}

let temporal: TemporalLike | undefined = findTemporal();

/** For tests: run the Intl path even where Temporal exists (or give a Temporal back). */
export function useTemporalForTests(value: TemporalLike | undefined): void {
  temporal = value;
  zoneChecks.clear();
  dayStarts.clear();
  isoMemo.clear();
}

const zoneChecks = new Map<string, string>();

/** The zone to use for a name from the server or the user: itself when the runtime knows it, else UTC. */
export function usableZone(name: string | undefined): string {
  const zone = name?.trim() ?? '';
  if (zone === '') return 'UTC';
  let known = zoneChecks.get(zone);
  if (known === undefined) {
    try {
      if (temporal) temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
      else intlFormatter(zone);
      known = zone;
    } catch {
      // A zone name this runtime does not know (server text): UTC is shown instead, and nothing is worth a log
      // line from a pure module that runs for every row.
      known = 'UTC';
    }
    if (zoneChecks.size < 512) zoneChecks.set(zone, known);
  }
  return known;
}

const intlFormatters = new Map<string, Intl.DateTimeFormat>();

function intlFormatter(zone: string): Intl.DateTimeFormat {
  let f = intlFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    intlFormatters.set(zone, f);
  }
  return f;
}

interface WallTime extends CalendarDay {
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of `ms` in a usable zone, through Intl (the path without Temporal). */
export function wallTimeViaIntl(ms: number, zone: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of intlFormatter(zone).formatToParts(new Date(ms))) {
    if (part.type === 'year') out.year = Number(part.value);
    else if (part.type === 'month') out.month = Number(part.value);
    else if (part.type === 'day') out.day = Number(part.value);
    else if (part.type === 'hour') out.hour = Number(part.value);
    else if (part.type === 'minute') out.minute = Number(part.value);
    else if (part.type === 'second') out.second = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  if (temporal) return temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
  const w = wallTimeViaIntl(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The calendar date of `ms` in `zone` (absent: this runtime's local zone; unknown: UTC). */
export function calendarDayAt(ms: number, zone?: string): CalendarDay {
  if (zone === undefined) {
    const d = new Date(ms);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  }
  const usable = usableZone(zone);
  if (usable === 'UTC') {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  if (temporal) {
    const z = temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(usable);
    return { year: z.year, month: z.month, day: z.day };
  }
  const w = wallTimeViaIntl(ms, usable);
  return { year: w.year, month: w.month, day: w.day };
}

const dayStarts = new Map<string, number>();

/**
 * The instant a wall-clock time names in a zone. A time that a DST change skips (clocks jump from 00:00 to 01:00)
 * means the first moment after the jump; a time that happens twice (clocks fall back) means the first one.
 */
export function instantOfWallTime(wall: WallTime, zoneName: string | undefined): number {
  const zone = usableZone(zoneName);
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (zone === 'UTC') return local;
  const key = `${zone}|${local}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  // A zone changes its offset at most once within two days: the offsets a day either side are the candidates.
  const before = offsetAt(local - DAY_MS, zone);
  const after = offsetAt(local + DAY_MS, zone);
  const fits = [before, after].map((o) => local - o).filter((t) => t + offsetAt(t, zone) === local);
  const result = fits.length > 0 ? Math.min(...fits) : local - before;
  if (dayStarts.size > 20_000) dayStarts.clear();
  dayStarts.set(key, result);
  return result;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------------------------
// Billing dates as the server sends them

/** What a billing date's text names: an exact instant, or a wall-clock time in the project's zone. */
export type BillingText = { kind: 'exact'; ms: number } | { kind: 'wall'; wall: WallTime; hasTime: boolean };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_NO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DATE_TIME_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i;
/** Longer text is no date (and is not worth a regular expression's time). */
const MAX_DATE_TEXT = 1000;
const DAY_FIRST_OR_MONTH_FIRST = /^(\d{2})[-/.](\d{2})[-/.](\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isValidDay(y: number, mo: number, d: number): boolean {
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

function wallOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): WallTime | undefined {
  if (!isValidDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return { year: y, month: mo, day: d, hour: h, minute: mi, second: s };
}

/**
 * Reads a billing date's text. ISO dates and date-times are read as they are; "DD-MM-YYYY" / "MM-DD-YYYY" only
 * when the project's date_format says which order it uses. Undefined when it is not a date we understand.
 */
export function parseBillingText(given: string, dateFormat?: string): BillingText | undefined {
  const text = given.trim();
  if (text.length > MAX_DATE_TEXT) return undefined;
  if (DATE_ONLY.test(text)) {
    const wall = wallOf(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10));
    return wall && { kind: 'wall', wall, hasTime: false };
  }
  let m = DATE_TIME_NO_OFFSET.exec(text);
  if (m) {
    const wall = wallOf(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6]);
    return wall && { kind: 'wall', wall, hasTime: true };
  }
  m = DATE_TIME_WITH_OFFSET.exec(text);
  if (m) {
    // Fractions past milliseconds (a server may send hundreds of digits) change nothing a user reads.
    const ms = Date.parse(`${m[1]!}${m[2] === undefined ? '' : `.${m[2].slice(0, 3).padEnd(3, '0')}`}${m[3]!}`);
    return Number.isNaN(ms) ? undefined : { kind: 'exact', ms };
  }
  m = DAY_FIRST_OR_MONTH_FIRST.exec(text);
  if (m && dateFormat) {
    const order = dateFormat.trim().toUpperCase();
    const [a, b, y] = [+m[1]!, +m[2]!, +m[3]!];
    const time = [m[4] === undefined ? 0 : +m[4], m[5] === undefined ? 0 : +m[5], m[6] === undefined ? 0 : +m[6]];
    const wall = order.startsWith('DD')
      ? wallOf(y, b, a, time[0], time[1], time[2])
      : order.startsWith('MM')
        ? wallOf(y, a, b, time[0], time[1], time[2])
        : undefined;
    return wall && { kind: 'wall', wall, hasTime: m[4] !== undefined };
  }
  return undefined;
}

/**
 * The billing instant (ms), by the rule above; undefined when the text is not a date we understand. Read from the
 * text the server sent, so an offline copy saved under older rules reads the same as a fresh answer; the wire's
 * `instant` is the fallback for text that was cut at the wire (a date with hundreds of digits of seconds).
 */
export function billingInstant(
  date: Pick<BillingDate, 'given' | 'instant'> | undefined,
  project: Pick<Project, 'dateFormat' | 'timeZone'>,
): number | undefined {
  if (!date) return undefined;
  const parsed = parseBillingText(date.given, project.dateFormat);
  if (parsed) return parsed.kind === 'exact' ? parsed.ms : instantOfWallTime(parsed.wall, project.timeZone);
  if (date.instant === undefined) return undefined;
  const ms = Date.parse(date.instant);
  return Number.isNaN(ms) ? undefined : ms;
}

const isoMemo = new Map<string, Map<string, string | null>>();

/** The same instant as ISO text, for the wire's `instant` field. Remembered per zone and text: 10,000 projects
 *  share a few hundred dates, and the wire parses them on every refresh (see test/bench/parse-bench.ts). */
export function billingInstantIso(given: string, dateFormat?: string, timeZone?: string): string | undefined {
  const zoneKey = timeZone ?? '';
  let memo = isoMemo.get(zoneKey);
  if (memo === undefined) {
    if (isoMemo.size >= 512) isoMemo.clear();
    memo = new Map();
    isoMemo.set(zoneKey, memo);
  }
  // The date format decides only the DD-MM / MM-DD forms; ISO text ("2026-12-01") is its own key.
  const key = given.length === 10 && given.charCodeAt(4) === 45 ? given : `${dateFormat ?? ''}\u0000${given}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const ms = billingInstant({ given }, { dateFormat, timeZone });
  const iso = ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
  if (memo.size >= 5000) memo.clear();
  memo.set(key, iso ?? null);
  return iso;
}

// ---------------------------------------------------------------------------------------------------------------
// Words and formats the user reads

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Cached per locale and shape: a formatter costs far more to build than to use. */
function dayFormatter(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withYear ? 'y' : ''}`;
  let f = dayFormatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = withYear
      ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' };
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A locale tag the runtime does not accept: the runtime's own.
      f = new Intl.DateTimeFormat(undefined, options);
    }
    dayFormatters.set(key, f);
  }
  return f;
}

/** Builds the formatters a first screen needs, for a moment when nothing else is happening (see main.tsx). */
export function warmDateFormatting(locale?: string): void {
  dayFormatter(locale, true).format(0);
}

/** A calendar day in the user's regional format, month as a word: "2 Dec 2026" (en-GB), "Dec 2, 2026" (en-US). */
export function formatDay(day: CalendarDay, options: { locale?: string; withYear?: boolean } = {}): string {
  const ms = Date.UTC(day.year, day.month - 1, day.day, 12);
  return dayFormatter(options.locale, options.withYear ?? true).format(ms);
}

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export interface BillingView {
  /** The billing instant. */
  ms: number;
  /** Its calendar date in the user's zone. */
  day: CalendarDay;
  /** The user's calendar days from today: 0 today, 1 tomorrow, negative when past. */
  daysLeft: number;
  /** "2 Dec 2026", or "Was due 18 Nov" when past. */
  text: string;
  /** The day alone, as `text` writes it: "2 Dec 2026", or "18 Nov" when past in this year. */
  dayText: string;
  /** "was due 18 Nov" when past, for the middle of a sentence ("… expired — it was due 18 Nov"); else undefined. */
  wasDue?: string;
  /** "today", "tomorrow", "in 5 days", "yesterday", "12 days ago". */
  relative: string;
  /** Today or within the attention window. */
  soon: boolean;
}

/** How the user reads a project's next billing date; `unreadable` carries the server's text when it is no date. */
export function billingView(
  project: ProjectDates,
  now: number,
  options: DateOptions = {},
): BillingView | { unreadable: string } | undefined {
  const date = project.nextBillingDate;
  if (!date || date.given.trim() === '') return undefined;
  const ms = billingInstant(date, project);
  if (ms === undefined) return { unreadable: date.given };
  const day = calendarDayAt(ms, options.timeZone);
  const today = calendarDayAt(now, options.timeZone);
  const daysLeft = daysBetween(today, day);
  const past = daysLeft < 0;
  const dayText = formatDay(day, { locale: options.locale, withYear: !past || day.year !== today.year });
  const wasDue = past ? `was due ${dayText}` : undefined;
  return {
    ms,
    day,
    daysLeft,
    text: wasDue ? `W${wasDue.slice(1)}` : dayText,
    dayText,
    ...(wasDue ? { wasDue } : {}),
    relative: relativeDays(daysLeft),
    soon: daysLeft >= 0 && daysLeft <= ATTENTION_DAYS,
  };
}

/** A billing view that has a date, or undefined (no date, or not one we understand). */
export function readableBilling(
  project: ProjectDates,
  now: number,
  options: DateOptions = {},
): BillingView | undefined {
  const view = billingView(project, now, options);
  return view && 'ms' in view ? view : undefined;
}

/** The user's calendar days until billing (0 today, negative when past), when the date is readable. */
export function daysUntilBilling(project: ProjectDates, now: number, options: DateOptions = {}): number | undefined {
  return readableBilling(project, now, options)?.daysLeft;
}

/** Billing today or within ATTENTION_DAYS of the user's calendar days. */
export function isBillingSoon(project: ProjectDates, now: number, options: DateOptions = {}): boolean {
  return readableBilling(project, now, options)?.soon ?? false;
}

/** Expired, or billing soon: what the tray's icon, the list's "Needs attention" chip and `picky-tray status`'s
 *  exit code flag. A deleted project is reported but needs nothing from the user (issue 12: a monitoring script
 *  must not stay red for ever). */
export function needsAttention(
  project: ProjectDates & Pick<Project, 'status'>,
  now: number,
  options: DateOptions = {},
): boolean {
  return project.status === 'expired' || (project.status !== 'deleted' && isBillingSoon(project, now, options));
}

/** "bills today", "bills tomorrow", "bills in 2 days": a soon billing as a short phrase. */
export function billsPhrase(daysLeft: number): string {
  if (daysLeft <= 0) return 'bills today';
  if (daysLeft === 1) return 'bills tomorrow';
  return `bills in ${daysLeft} days`;
}

/** The project's own reading of its billing date, for the detail: "1 Dec 2026, Asia/Kolkata" (and the time when
 *  one was sent: "1 Dec 2026 14:30, Asia/Kolkata"). Undefined when the date is not one we understand. */
export function projectBillingText(project: ProjectDates, options: { locale?: string } = {}): string | undefined {
  const date = project.nextBillingDate;
  if (!date) return undefined;
  const parsed = parseBillingText(date.given, project.dateFormat);
  if (!parsed) return undefined;
  const zone = usableZone(project.timeZone);
  let wall: WallTime;
  if (parsed.kind === 'exact') {
    const shifted = new Date(parsed.ms + (zone === 'UTC' ? 0 : offsetAt(parsed.ms, zone)));
    wall = {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: 0,
    };
  } else wall = parsed.wall;
  const time =
    parsed.kind === 'exact' || parsed.hasTime
      ? ` ${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`
      : '';
  return `${formatDay(wall, { locale: options.locale })}${time}, ${zone}`;
}

/** A sortable number for a project's billing: its instant; undefined when none is readable. */
export function billingSortKey(project: ProjectDates): number | undefined {
  return billingInstant(project.nextBillingDate, project);
}

// ---------------------------------------------------------------------------------------------------------------
// Relative time for "updated 5 min ago"

/** "just now", "5 min ago", "3 h ago", "1 day ago", "2 days ago"; "in 5 min" for a time ahead (a clock skew).
 *  Whole units, rounded down: "5 min ago" means at least five minutes. */
export function timeAgo(iso: string | undefined, now: number): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const delta = now - at;
  const abs = Math.abs(delta);
  if (abs < 60_000) return 'just now';
  const minutes = Math.floor(abs / 60_000);
  let text: string;
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 24 * 60) text = `${Math.floor(minutes / 60)} h`;
  else {
    const days = Math.floor(minutes / (24 * 60));
    text = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function timeFormatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let f = timeFormatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone };
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A locale or zone the runtime does not accept: the runtime's own, in local time.
      f = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
    }
    timeFormatters.set(key, f);
  }
  return f;
}

/** A moment for "as of" lines in the user's zone and format: "14:05" today, "27 Nov 2026 14:05" another day. */
export function shortDateTime(iso: string | undefined, now: number, options: DateOptions = {}): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const time = timeFormatter(options.locale, options.timeZone).format(at);
  const day = calendarDayAt(at, options.timeZone);
  if (daysBetween(calendarDayAt(now, options.timeZone), day) === 0) return time;
  return `${formatDay(day, { locale: options.locale })} ${time}`;
}
