// The Master API token as the user typed, pasted or piped it, checked by one rule at the edge where it comes in:
// the IPC contract's setToken input (app/shared/ipc-contract.ts, for the desktop app and the preview) and the
// CLI's `token set`. Everything past the edge takes a MasterToken and neither trims nor checks it again.
import { PickyError } from './errors';

declare const checked: unique symbol;
/** A token that went through checkMasterToken: trimmed, not empty, not absurdly long. */
export type MasterToken = string & { readonly [checked]: true };

/** Far longer than any Master API token; anything longer was pasted by mistake. */
export const MASTER_TOKEN_MAX_LENGTH = 512;

export type MasterTokenCheck = { ok: true; token: MasterToken } | { ok: false; message: string };

export function checkMasterToken(raw: string): MasterTokenCheck {
  const token = raw.trim();
  if (token === '') {
    return {
      ok: false,
      message:
        'No token was given. Paste the Master API token from your Picky Assist dashboard (API → Master API token).',
    };
  }
  if (token.length > MASTER_TOKEN_MAX_LENGTH) {
    return {
      ok: false,
      message: 'That is far longer than a Master API token. Copy only the token from your Picky Assist dashboard.',
    };
  }
  return { ok: true, token: token as MasterToken };
}

/** checkMasterToken, throwing its sentence as a bad-input PickyError (for the CLI). */
export function parseMasterToken(raw: string): MasterToken {
  const result = checkMasterToken(raw);
  if (!result.ok) throw new PickyError('bad-input', result.message);
  return result.token;
}
