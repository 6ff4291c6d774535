// The QR screen's pairing confirmation, decided from the phone states that arrive while it is open:
// - the first known state is the baseline: connected means "already paired with <number>";
// - becoming connected from anything else, or connected with another number, means "paired": the screen says so
//   and closes by itself after a few seconds;
// - after 3 minutes without pairing, it suggests what to check.
import { useEffect, useRef, useState } from 'react';
import type { PhoneState } from '../../../app/core/phone-state';

export const PAIRED_CLOSE_MS = 6_000;
export const SLOW_PAIRING_MS = 3 * 60_000;

export type Pairing =
  | { kind: 'waiting'; slow: boolean }
  | { kind: 'already'; number?: string; slow: boolean }
  | { kind: 'paired'; number?: string; slow: boolean };

/** Pure: what the screen says, given the baseline (first known state) and the latest state. */
export function pairingOf(baseline: PhoneState | undefined, latest: PhoneState | undefined): Pairing['kind'] {
  if (!latest || latest.state !== 'connected') return 'waiting';
  if (!baseline || baseline === latest) return 'already';
  if (baseline.state !== 'connected') return 'paired';
  return baseline.connectedNumber !== latest.connectedNumber ? 'paired' : 'already';
}

export function usePairing(phone: PhoneState | undefined, onClose: () => void): Pairing {
  const baseline = useRef<PhoneState | undefined>(phone);
  const [slow, setSlow] = useState(false);
  const [paired, setPaired] = useState<PhoneState>();
  // The first state known after opening is the baseline (the phone may never have been checked before).
  if (baseline.current === undefined && phone !== undefined) baseline.current = phone;
  const kind = paired ? 'paired' : pairingOf(baseline.current, phone);

  useEffect(() => {
    if (kind === 'paired' && !paired) setPaired(phone);
  }, [kind, paired, phone]);

  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_PAIRING_MS);
    return () => clearTimeout(timer);
  }, []);

  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    if (!paired) return;
    const timer = setTimeout(() => close.current(), PAIRED_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [paired]);

  if (kind === 'paired') return { kind, number: (paired ?? phone)?.connectedNumber, slow };
  if (kind === 'already') return { kind, number: phone?.connectedNumber, slow };
  return { kind, slow };
}
