// "Updated 2 min ago" and the offline banner's "as of <time>".

export function timeAgo(iso: string | undefined, nowMs: number): string | undefined {
  if (!iso) return undefined;
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return undefined;
  const seconds = Math.max(0, Math.round((nowMs - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

// Formatters are built once per locale: toLocaleTimeString with options builds a new ICU formatter on every
// call, and the header renders on every state change and clock tick.
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** A short local time: "14:05" today, "27 Nov 14:05" on another day. */
export function shortDateTime(iso: string | undefined, nowMs: number, locale?: string): string | undefined {
  if (!iso) return undefined;
  const then = new Date(iso);
  if (!Number.isFinite(then.getTime())) return undefined;
  const sameDay = new Date(nowMs).toDateString() === then.toDateString();
  const time = cached(timeFormats, locale, { hour: '2-digit', minute: '2-digit' }).format(then);
  if (sameDay) return time;
  const day = cached(dayFormats, locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(then);
  return `${day} ${time}`;
}
