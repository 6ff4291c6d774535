import { describe, expect, it } from 'vitest';
import { MASTER_TOKEN_MAX_LENGTH, parseMasterToken } from '../../app/core/master-token';
import { tokenFromPiped } from '../../app/cli/read-token';
import { INITIAL_SYNC_STATE } from '../../app/core/sync-state';
import type { InvokeHandlers } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';

describe('the Master API token, parsed once at the edge', () => {
  it('is trimmed', () => {
    expect(parseMasterToken('  abc-123 \t')).toBe('abc-123');
  });

  it('refuses an empty or blank token with a sentence saying where to find one', () => {
    for (const raw of ['', '   ', '\t\n']) {
      expect(() => parseMasterToken(raw)).toThrow(/No token was given\. Paste the Master API token/);
    }
  });

  it('refuses something far longer than a token', () => {
    expect(() => parseMasterToken('x'.repeat(MASTER_TOKEN_MAX_LENGTH + 1))).toThrow(/far longer than a Master/);
    expect(parseMasterToken('x'.repeat(MASTER_TOKEN_MAX_LENGTH))).toHaveLength(MASTER_TOKEN_MAX_LENGTH);
  });

  it('the CLI hands the first line with text to it as it is', () => {
    expect(tokenFromPiped('\n\n  tok-1  \nsecond\n')).toBe('  tok-1  ');
    expect(parseMasterToken(tokenFromPiped('\r\n tok-1 \r\n'))).toBe('tok-1');
  });

  it('the IPC contract applies it before any handler: the core gets the trimmed token, a blank one never', async () => {
    const seen: unknown[] = [];
    const handlers = {
      setToken: async (input: unknown) => (seen.push(input), INITIAL_SYNC_STATE),
    } as unknown as InvokeHandlers;
    expect(await dispatchInvoke(handlers, 'setToken', { token: '  tok-2 ' })).toMatchObject({ ok: true });
    const refused = await dispatchInvoke(handlers, 'setToken', { token: '  ' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'bad-input',
        message:
          'That request was not accepted (token): No token was given. Paste the Master API token from your Picky Assist dashboard (API → Master API token).',
      },
    });
    expect(seen).toEqual([{ token: 'tok-2' }]);
  });
});
