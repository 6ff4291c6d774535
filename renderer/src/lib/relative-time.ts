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

/** A short local time: "14:05" today, "27 Nov 14:05" on another day. */
export function shortDateTime(iso: string | undefined, nowMs: number, locale?: string): string | undefined {
  if (!iso) return undefined;
  const then = new Date(iso);
  if (!Number.isFinite(then.getTime())) return undefined;
  const sameDay = new Date(nowMs).toDateString() === then.toDateString();
  const time = then.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (sameDay) return time;
  const day = then.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${day} ${time}`;
}
