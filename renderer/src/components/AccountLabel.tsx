// Which account the window shows: the server the token goes to and the token's last 4 characters, so someone
// with two accounts (or a test server beside the real one) can tell at a glance which one is connected.
import type { SyncModel } from '../state/use-sync-state';

export function AccountLabel({ account }: { account: SyncModel['account'] }) {
  if (!account?.host) return null;
  const ending = account.tokenEnding ? ` · token …${account.tokenEnding}` : '';
  return (
    <span className="account-label" title="The Picky Assist server and Master API token in use">
      <span className="visually-hidden">Connected account: </span>
      {account.host}
      {ending}
    </span>
  );
}
