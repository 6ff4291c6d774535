// "Updated 2 min ago", the Refresh button, and the banners that explain a failed refresh.
import { useState } from 'react';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userMessage } from '../api/bridge-client';
import { shortDateTime, timeAgo } from '../lib/relative-time';
import { useNow } from '../state/use-now';

interface Props {
  client: BridgeClient;
  state: SyncState;
  onState: (state: SyncState) => void;
  onOpenSettings: () => void;
}

export function SyncHeader({ client, state, onState, onOpenSettings }: Props) {
  const now = useNow();
  const [pending, setPending] = useState(false);
  const [callError, setCallError] = useState<string>();
  const busy = pending || state.kind === 'refreshing';

  const refresh = async () => {
    setPending(true);
    setCallError(undefined);
    try {
      onState(await client.invoke('refresh'));
    } catch (e) {
      setCallError(userMessage(e));
    } finally {
      setPending(false);
    }
  };

  const ago = timeAgo(state.fetchedAt, now);
  const asOf = shortDateTime(state.fetchedAt, now);
  const fromCacheOnly = state.source === 'cache';
  return (
    <div className="sync">
      <div className="sync-row">
        <p className="sync-time">
          {ago ? `Updated ${ago}` : 'Not updated yet'}
          {fromCacheOnly && state.kind === 'ok' ? ' · from the offline copy' : ''}
        </p>
        <button type="button" className="button" aria-busy={busy} disabled={busy} onClick={() => void refresh()}>
          {busy ? (
            <>
              <span className="spinner" aria-hidden="true" />
              Refreshing…
            </>
          ) : (
            'Refresh'
          )}
        </button>
      </div>
      {state.kind === 'auth-error' ? (
        <div className="banner banner-error" role="alert">
          <div>
            <p className="banner-title">Picky Assist did not accept the Master API token</p>
            {state.error ? <p>{state.error.message}</p> : null}
          </div>
          <button type="button" className="button" onClick={onOpenSettings}>
            Open Settings
          </button>
        </div>
      ) : state.error && state.kind !== 'ok' ? (
        <div className="banner banner-warn" role="status">
          <div>
            <p className="banner-title">
              {asOf ? `Offline — showing projects as of ${asOf}` : 'Offline — no projects loaded yet'}
            </p>
            <p>{state.error.message}</p>
          </div>
        </div>
      ) : null}
      {state.warning ? (
        <p className="notice" role="status">
          {state.warning}
        </p>
      ) : null}
      {callError ? (
        <p className="notice notice-error" role="alert">
          {callError}
        </p>
      ) : null}
    </div>
  );
}
