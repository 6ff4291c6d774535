// "Updated 2 min ago" and the Refresh button (in the top bar), and the banners that explain a failed refresh.
import { useCallback, useState } from 'react';
import { failureKind } from '../../../app/core/errors';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userMessage } from '../api/bridge-client';
import { shortDateTime, timeAgo } from '../../../app/core/dates';
import { HAND_ADDED_ONLY, handAddedOnlyReason } from '../../../app/core/labels';
import { lastPhoneCheck } from '../../../app/core/phone-state';
import { useNow } from '../state/use-now';
import { ErrorText } from './ErrorText';

export interface RefreshControl {
  pending: boolean;
  /** Why the refresh call itself failed (the bridge, not the server: that is in state.error). */
  callError: string | undefined;
  refresh(): Promise<void>;
}

export function useRefresh(client: BridgeClient, onState: (state: SyncState) => void): RefreshControl {
  const [pending, setPending] = useState(false);
  const [callError, setCallError] = useState<string>();
  const refresh = useCallback(async () => {
    setPending(true);
    setCallError(undefined);
    try {
      onState(await client.invoke('refresh'));
    } catch (e) {
      setCallError(userMessage(e));
    } finally {
      setPending(false);
    }
  }, [client, onState]);
  return { pending, callError, refresh };
}

/** The header's words for how fresh the list is; with only projects added by hand, why, and the phones' last check. */
export function syncTimeText(state: SyncState, now: number): string {
  const byHand = handAddedOnlyReason(state);
  if (byHand) {
    const checked = timeAgo(lastPhoneCheck(state.phones), now);
    return `${HAND_ADDED_ONLY} (${byHand})${checked ? ` · phones checked ${checked}` : ''}`;
  }
  const ago = timeAgo(state.fetchedAt, now);
  return `${ago ? `Updated ${ago}` : 'Not updated yet'}${state.source === 'cache' && state.kind === 'ok' ? ' · offline copy' : ''}`;
}

export function SyncStatus({ state, control }: { state: SyncState; control: RefreshControl }) {
  const now = useNow();
  const busy = control.pending || state.kind === 'refreshing';
  return (
    <div className="sync-row">
      <p className="sync-time">{syncTimeText(state, now)}</p>
      <button type="button" className="button" aria-busy={busy} disabled={busy} onClick={() => void control.refresh()}>
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
  );
}

/** The banner's title for a failed refresh: the three ways a request fails read differently. */
function failureTitle(state: SyncState, asOf: string | undefined): string {
  const code = state.error?.code;
  const kind = code ? failureKind(code) : 'unreachable';
  const head =
    kind === 'unreachable'
      ? "Can't reach Picky Assist"
      : kind === 'refused'
        ? 'Picky Assist refused the request'
        : 'Picky Tray could not refresh';
  if (asOf && state.projects.length > 0) return `${head} — showing projects as of ${asOf}`;
  return head;
}

export function SyncBanners({
  state,
  control,
  onOpenSettings,
}: {
  state: SyncState;
  control: RefreshControl;
  onOpenSettings: () => void;
}) {
  const now = useNow();
  const failed = state.kind !== 'auth-error' && state.error !== undefined && state.kind !== 'ok';
  // Only when the banner shows: the first Intl formatter a page builds is costly, and the healthy first screen needs none.
  const asOf = failed ? shortDateTime(state.fetchedAt, now) : undefined;
  return (
    <>
      {state.kind === 'auth-error' ? (
        <div className="banner banner-error" role="alert">
          <div>
            <p className="banner-title">Picky Assist refused the token</p>
            {state.error ? <ErrorText error={state.error} /> : null}
          </div>
          <button type="button" className="button" onClick={onOpenSettings}>
            Open Settings
          </button>
        </div>
      ) : failed && state.error ? (
        <div className="banner banner-warn" role="status">
          <div>
            <p className="banner-title">{failureTitle(state, asOf)}</p>
            <ErrorText error={state.error} />
          </div>
          {state.error.fix === 'address' ? (
            <button type="button" className="button" onClick={onOpenSettings}>
              Open Settings
            </button>
          ) : null}
        </div>
      ) : null}
      {state.warning ? (
        <p className="notice" role="status">
          {state.warning}
        </p>
      ) : null}
      {control.callError ? (
        <p className="notice notice-error" role="alert">
          {control.callError}
        </p>
      ) : null}
    </>
  );
}
