// When Picky Assist cannot check a token (unreachable, or refusing every request), the token may well be fine:
// the message is for the whole form, not the token field, and the way forward is the user's explicit choice to
// store it unchecked. `replacing` asks first when a working token is stored: an unchecked one never silently
// replaces it.
import { useState } from 'react';
import { type ErrorInfo, failureKind } from '../../../app/core/errors';
import { ErrorDetails } from './ErrorText';

interface Props {
  error: ErrorInfo;
  busy: boolean;
  /** A token is stored already (and may be working). */
  replacing?: boolean;
  onKeepTrying: () => void;
}

export function UncheckedTokenOffer({ error, busy, replacing = false, onKeepTrying }: Props) {
  const [confirming, setConfirming] = useState(false);
  const title =
    failureKind(error.code) === 'unreachable'
      ? 'The token could not be checked: Picky Assist could not be reached'
      : 'The token could not be checked: Picky Assist refused the request';
  return (
    <div className="form-message" role="alert">
      <p className="form-message-title">{title}</p>
      <p>{error.message}</p>
      <ErrorDetails error={error} />
      <p>Nothing is saved yet. Picky Tray can save the token now and check it as soon as Picky Assist answers.</p>
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm replacing the stored token">
          <p>
            Replace the token you have now with this one, unchecked? Picky Tray will use the new one from now on, and
            tell you if Picky Assist refuses it.
          </p>
          <div className="actions">
            <button type="button" className="button primary" disabled={busy} onClick={onKeepTrying}>
              Replace and keep trying
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep the current token
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-busy={busy}
            onClick={() => (replacing ? setConfirming(true) : onKeepTrying())}
          >
            Save and keep trying
          </button>
        </div>
      )}
    </div>
  );
}
