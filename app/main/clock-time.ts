// "Updated 14:05" in the tray: an absolute time, so the tray's text changes when the list is fetched again, not
// every minute as "5 min ago" did (each change of the tooltip or menu re-sends the whole menu on Linux, closing it
// under the pointer). Pure; the time zone is the user's unless a test names one.

/** "14:05" for a time today, "29 Nov 14:05" for another day; undefined for a missing or unreadable time. */
export function clockTime(iso: string | undefined, now: number, timeZone?: string): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const zone = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat('en-GB', { ...zone, day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (day.format(at) === day.format(now)) return time.format(at);
  const dayMonth = new Intl.DateTimeFormat('en-GB', { ...zone, day: 'numeric', month: 'short' });
  return `${dayMonth.format(at)} ${time.format(at)}`;
}
