// A phone's state as an icon AND words ("Phone connected", "Phone offline since 10:42", "Not paired",
// "Phone status unknown"): the words carry the meaning, the icon and colour only help. Hover says when we asked.
import { type PhoneState, phoneLabel } from '../../../app/core/phone-state';
import { shortDateTime, timeAgo } from '../../../app/core/dates';

const ICONS: Record<PhoneState['state'] | 'none', string> = {
  connected: '✓',
  'no-internet': '!',
  unpaired: '×',
  unknown: '?',
  none: '…',
};

export function phoneText(phone: PhoneState | undefined, now: number): string {
  return phoneLabel(phone, (iso) => shortDateTime(iso, now) ?? iso);
}

export function checkedText(phone: PhoneState | undefined, now: number): string {
  const ago = timeAgo(phone?.checkedAt, now);
  return ago ? `checked ${ago}` : 'not checked yet';
}

export function PhoneBadge({ phone, now }: { phone: PhoneState | undefined; now: number }) {
  const kind = phone?.state ?? 'none';
  return (
    <span className={`phone-badge phone-${kind}`} title={checkedText(phone, now)} data-phone-state={kind}>
      <span className="phone-icon" aria-hidden="true">
        {ICONS[kind]}
      </span>
      {phoneText(phone, now)}
    </span>
  );
}
