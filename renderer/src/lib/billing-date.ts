// Next billing dates, shown in the project's own date format and time zone, with a relative hint.
// A date without a time ("2026-12-01", "01-12-2026") is a calendar date and is never shifted by a time zone;
// a date with a time is converted to the project's zone first.
import type { BillingDate } from '../../../app/core/model';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The slice of the standard Temporal API used here (TypeScript's libraries do not describe it yet). */
interface TemporalLike {
  Instant: {
    fromEpochMilliseconds(ms: number): { toZonedDateTimeISO(timeZone: string): CalendarDate };
  };
}

/** Temporal where the runtime has it (recent Chromium), else undefined. */
export function findTemporal(scope: object = globalThis): TemporalLike | undefined {
  const candidate = (scope as { Temporal?: unknown }).Temporal;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const instant = (candidate as { Instant?: { fromEpochMilliseconds?: unknown } }).Instant;
  return typeof instant?.fromEpochMilliseconds === 'function' ? (candidate as TemporalLike) : undefined;
}

/** With Temporal: the time zone rules only, no locale data, so the first call costs well under a millisecond. */
export function calendarDateViaTemporal(
  temporal: TemporalLike,
  ms: number,
  timeZone: string | undefined,
): CalendarDate {
  const instant = temporal.Instant.fromEpochMilliseconds(ms);
  let zoned: CalendarDate;
  try {
    zoned = instant.toZonedDateTimeISO(timeZone ?? 'UTC');
  } catch {
    // An unknown zone from the server: fall back to UTC rather than failing the whole list.
    zoned = instant.toZonedDateTimeISO('UTC');
  }
  return { year: zoned.year, month: zoned.month, day: zoned.day };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? 'UTC';
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: key, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      // An unknown zone from the server: fall back to UTC rather than failing the whole list.
      f = formatterFor('UTC');
    }
    formatters.set(key, f);
  }
  return f;
}

/** Without Temporal: an Intl formatter per zone. The page's first one loads ICU's locale data (about 20 ms). */
export function calendarDateViaIntl(ms: number, timeZone: string | undefined): CalendarDate {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return { year, month, day };
}

const temporal = findTemporal();

/** Builds the first Intl formatter while the first reads are on the network, when there is no Temporal: that
 *  formatter loads ICU's calendar and time zone data, which would otherwise land on the way to the first rows. */
export function warmDateFormatting(): void {
  if (!temporal) calendarDateViaIntl(0, 'UTC');
}

/** The calendar date of `ms` as seen in `timeZone` (UTC when absent or unknown). */
export function calendarDateAt(ms: number, timeZone?: string): CalendarDate {
  return temporal ? calendarDateViaTemporal(temporal, ms, timeZone) : calendarDateViaIntl(ms, timeZone);
}

export function billingCalendarDate(date: BillingDate, timeZone?: string): CalendarDate | undefined {
  const given = date.given.trim();
  const m = DATE_ONLY.exec(given);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.instant) {
    const ms = Date.parse(date.instant);
    if (!Number.isFinite(ms)) return undefined;
    // The core reads a date without a time ("27-11-2026") as UTC midnight of that calendar day:
    // read it back in UTC so no zone moves it to the day before.
    return calendarDateAt(ms, given.includes(':') ? timeZone : 'UTC');
  }
  return undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats with the project's `dateFormat` (YYYY-MM-DD, DD-MM-YYYY, MM-DD-YYYY, any separator); YYYY-MM-DD otherwise. */
export function formatCalendarDate(d: CalendarDate, dateFormat?: string): string {
  const fmt = (dateFormat ?? '').trim().toUpperCase();
  const usable =
    /^[YMD]+[-/. ][YMD]+[-/. ][YMD]+$/.test(fmt) && fmt.includes('YYYY') && fmt.includes('MM') && fmt.includes('DD');
  const pattern = usable ? fmt : 'YYYY-MM-DD';
  return pattern.replace('YYYY', pad(d.year, 4)).replace('MM', pad(d.month)).replace('DD', pad(d.day));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000,
  );
}

export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export interface BillingDateView {
  /** The date as the project formats it, or the server's text when it is not a date. */
  text: string;
  /** "in 5 days", "3 days ago"...; absent when the date is unknown. */
  relative?: string;
  daysLeft?: number;
}

export function billingDateView(
  date: BillingDate | undefined,
  project: { dateFormat?: string; timeZone?: string },
  nowMs: number,
): BillingDateView | undefined {
  if (!date || date.given.trim() === '') return undefined;
  const day = billingCalendarDate(date, project.timeZone);
  if (!day) return { text: date.given };
  const daysLeft = daysBetween(calendarDateAt(nowMs, project.timeZone), day);
  return { text: formatCalendarDate(day, project.dateFormat), relative: relativeDays(daysLeft), daysLeft };
}

/** A sortable number for a billing date (UTC midnight of its calendar day); undefined sorts last. */
export function billingSortKey(date: BillingDate | undefined, timeZone?: string): number | undefined {
  if (!date) return undefined;
  const d = billingCalendarDate(date, timeZone);
  return d ? Date.UTC(d.year, d.month - 1, d.day) : undefined;
}
