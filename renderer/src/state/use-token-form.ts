// The "paste your Master API token" form shared by onboarding and settings: the main side checks the token
// with Picky Assist before storing it, so saving can fail with the server's own sentence.
import { useState } from 'react';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userMessage } from '../api/bridge-client';

export function useTokenForm(client: BridgeClient, onState: (state: SyncState) => void, emptyMessage: string) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  /** Saves the typed token. Returns the sentence to show when it was not saved, undefined when it was. */
  const saveToken = async (): Promise<string | undefined> => {
    const value = token.trim();
    if (value === '') return emptyMessage;
    setBusy(true);
    try {
      onState(await client.invoke('setToken', { token: value }));
      setToken('');
      return undefined;
    } catch (err) {
      return userMessage(err);
    } finally {
      setBusy(false);
    }
  };

  return { token, setToken, busy, setBusy, saveToken };
}
