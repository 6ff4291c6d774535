// The "paste your Master API token" form shared by onboarding and settings: the main side checks the token
// with Picky Assist before storing it, so saving can fail with the server's own sentence. When Picky Assist
// cannot check it (unreachable, or refusing every request), the form offers "Save and keep trying": only that
// explicit choice stores the token unchecked.
import { useState } from 'react';
import { type ErrorInfo, failureKind } from '../../../app/core/errors';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userError } from '../api/bridge-client';

/** How a failed save reads: about the token field, or about the whole form (with "Save and keep trying"). */
export type TokenProblem = { kind: 'field' | 'uncheckable'; error: ErrorInfo };

export function tokenProblem(error: ErrorInfo): TokenProblem {
  const kind = failureKind(error.code);
  return { kind: kind === 'unreachable' || kind === 'refused' ? 'uncheckable' : 'field', error };
}

export function useTokenForm(client: BridgeClient, onState: (state: SyncState) => void, emptyMessage: string) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  /** Saves the typed token. Returns what went wrong when it was not saved, undefined when it was. */
  const saveToken = async (saveUnchecked = false): Promise<TokenProblem | undefined> => {
    const value = token.trim();
    if (value === '') return { kind: 'field', error: { code: 'bad-input', message: emptyMessage } };
    setBusy(true);
    try {
      onState(await client.invoke('setToken', saveUnchecked ? { token: value, saveUnchecked } : { token: value }));
      setToken('');
      return undefined;
    } catch (err) {
      return tokenProblem(userError(err));
    } finally {
      setBusy(false);
    }
  };

  return { token, setToken, busy, setBusy, saveToken };
}
