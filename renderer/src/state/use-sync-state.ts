// The sync state as the main side reports it: fetched once, then kept current by stateChanged events.
import { useCallback, useEffect, useState } from 'react';
import type { SyncState } from '../../../app/core/sync-state';
import type { TokenStatus } from '../../../app/shared/ipc-contract';
import { type BridgeClient, userMessage } from '../api/bridge-client';

export interface SyncModel {
  state: SyncState | undefined;
  tokenStored: boolean | undefined;
  /** Which account is connected: the server's host and the stored token's last 4 characters, when known. */
  account: Pick<TokenStatus, 'host' | 'tokenEnding'> | undefined;
  /** Set when the first getState failed. */
  loadError: string | undefined;
  /** Replace the state with one a call returned (setToken, refresh...), and re-read whether a token is stored. */
  accept: (state: SyncState) => void;
  recheckToken(): Promise<void>;
}

/** The first reads, started by main.tsx as soon as the bundle runs rather than after React's first commit.
 *  (The shell's bridge has usually sent them already, while the bundle was loading: see early-reads.ts.) */
interface FirstReads {
  state: Promise<SyncState>;
  token: Promise<TokenStatus>;
  /** The answers, once they are in: React's first render can then start from them instead of "Loading…". */
  stateValue: SyncState | undefined;
  tokenValue: TokenStatus | undefined;
  /** The newest state pushed between these reads and the hook's own subscription; it wins over the read. */
  pushed: SyncState | undefined;
  stopListening: () => void;
}
const firstReads = new WeakMap<BridgeClient, FirstReads>();

/** How long main.tsx holds React's first render for the first answers. Below this, a "Loading…" line would
 *  only flash; above it, the user sees it. */
export const FIRST_READS_GRACE_MS = 250;

/** Starts the first reads. Resolves when the app has what its first screen needs, or after `graceMs`, whichever is
 *  first: the state, and the token status only when the state says there is no token (any other state implies
 *  one, and the keychain lookup behind the status can be the slowest of the two). A failed read also resolves:
 *  the app then shows the error. */
export function startFirstReads(client: BridgeClient, graceMs = FIRST_READS_GRACE_MS): Promise<void> {
  const reads: FirstReads = {
    state: client.invoke('getState'),
    token: client.invoke('getTokenStatus'),
    stateValue: undefined,
    tokenValue: undefined,
    pushed: undefined,
    stopListening: () => undefined,
  };
  // Listening from now on, not from React's first commit, so no change is lost in between.
  reads.stopListening = client.on('stateChanged', (s) => {
    reads.pushed = s;
  });
  // Rejections are handled where the hook consumes them; keep the browser from reporting them as unhandled.
  const tokenIn = reads.token.then(
    (t) => {
      reads.tokenValue = t;
    },
    () => undefined,
  );
  const enoughIn = reads.state.then(
    (s) => {
      reads.stateValue = s;
      return s.kind === 'no-token' ? tokenIn : undefined;
    },
    () => undefined,
  );
  firstReads.set(client, reads);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  return Promise.race([enoughIn, grace]).finally(() => clearTimeout(timer));
}

export function useSyncState(client: BridgeClient): SyncModel {
  // Start from the first reads' answers when they are already in (main.tsx waits briefly for them).
  const [first] = useState(() => firstReads.get(client));
  const [state, setState] = useState<SyncState | undefined>(() => first?.pushed ?? first?.stateValue);
  const [tokenStored, setTokenStored] = useState<boolean | undefined>(() => first?.tokenValue?.stored);
  const [account, setAccount] = useState<SyncModel['account']>(() => accountOf(first?.tokenValue));
  const [loadError, setLoadError] = useState<string>();

  const recheckToken = useCallback(
    async (first?: Promise<TokenStatus>) => {
      try {
        const status = await (first ?? client.invoke('getTokenStatus'));
        setTokenStored(status.stored);
        setAccount(accountOf(status));
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
    // Use the first reads once; a later mount (or a client made elsewhere) reads afresh.
    const reads = first && firstReads.get(client) === first ? first : undefined;
    firstReads.delete(client);
    reads?.stopListening();
    if (reads?.pushed) setState(reads.pushed);
    (reads?.state ?? client.invoke('getState')).then(
      (s) => live && setState((prev) => prev ?? s),
      (e: unknown) => live && setLoadError(userMessage(e)),
    );
    void recheckToken(reads?.token);
    return () => {
      live = false;
      off();
    };
  }, [client, first, recheckToken]);

  // A state without a token means the token went away (removed elsewhere, e.g. from the CLI or tray), or the API
  // address changed to a server that has none. Any other state after that means the origin in effect has one
  // again (the address went back to a server whose token is stored): ask, rather than keep showing onboarding.
  useEffect(() => {
    if (state?.kind === 'no-token') setTokenStored(false);
    else if (state && tokenStored === false) void recheckToken();
  }, [state, tokenStored, recheckToken]);

  const accept = useCallback(
    (s: SyncState) => {
      setState(s);
      void recheckToken();
    },
    [recheckToken],
  );

  return { state, tokenStored, account, loadError, accept, recheckToken };
}

function accountOf(status: TokenStatus | undefined): SyncModel['account'] {
  if (!status?.stored) return undefined;
  return { host: status.host, tokenEnding: status.tokenEnding };
}
