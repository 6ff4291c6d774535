// The sync state as the main side reports it: fetched once, then kept current by stateChanged events.
import { useCallback, useEffect, useState } from 'react';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userMessage } from '../api/bridge-client';

export interface SyncModel {
  state: SyncState | undefined;
  tokenStored: boolean | undefined;
  /** Set when the first getState failed. */
  loadError: string | undefined;
  /** Replace the state with one a call returned (setToken, refresh...), and re-read whether a token is stored. */
  accept(state: SyncState): void;
  recheckToken(): Promise<void>;
}

/** The first reads, started by main.tsx as soon as the bundle runs rather than after React's first commit:
 *  they travel while React renders, which is most of the time to a visible list. */
interface FirstReads {
  state: Promise<SyncState>;
  token: Promise<{ stored: boolean }>;
}
const firstReads = new WeakMap<BridgeClient, FirstReads>();

export function startFirstReads(client: BridgeClient): void {
  const reads: FirstReads = { state: client.invoke('getState'), token: client.invoke('getTokenStatus') };
  // Rejections are handled where the hook consumes them; keep the browser from reporting them as unhandled.
  reads.state.catch(() => undefined);
  reads.token.catch(() => undefined);
  firstReads.set(client, reads);
}

export function useSyncState(client: BridgeClient): SyncModel {
  const [state, setState] = useState<SyncState>();
  const [tokenStored, setTokenStored] = useState<boolean>();
  const [loadError, setLoadError] = useState<string>();

  const recheckToken = useCallback(
    async (first?: Promise<{ stored: boolean }>) => {
      try {
        setTokenStored((await (first ?? client.invoke('getTokenStatus'))).stored);
      } catch (e) {
        setLoadError(userMessage(e));
      }
    },
    [client],
  );

  useEffect(() => {
    let live = true;
    const off = client.on('stateChanged', (s) => {
      if (live) setState(s);
    });
    // Use the reads main.tsx started, once; a later mount (or a client made elsewhere) reads afresh.
    const first = firstReads.get(client);
    firstReads.delete(client);
    (first?.state ?? client.invoke('getState')).then(
      (s) => live && setState((prev) => prev ?? s),
      (e: unknown) => live && setLoadError(userMessage(e)),
    );
    void recheckToken(first?.token);
    return () => {
      live = false;
      off();
    };
  }, [client, recheckToken]);

  // A state without a token means the token went away (removed elsewhere, e.g. from the CLI or tray).
  useEffect(() => {
    if (state?.kind === 'no-token') setTokenStored(false);
  }, [state?.kind]);

  const accept = useCallback(
    (s: SyncState) => {
      setState(s);
      void recheckToken();
    },
    [recheckToken],
  );

  return { state, tokenStored, loadError, accept, recheckToken };
}
