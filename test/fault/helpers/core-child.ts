// Child process for fault tests that need a separate process (a read-only mount namespace, no D-Bus session):
// opens the real core (real keychain through keytar, real files, real HTTP) and runs a few operations.
// Driven by the environment (never argv, never the token): PICKY_CHILD_DIR, PICKY_CHILD_SERVICE (keychain
// service), PICKY_API_URL, PICKY_CHILD_OPS (comma-separated: state, refresh, settings, set-token, clear-cache).
// set-token reads the token from stdin. Prints one JSON line per operation: {op, ok, state?|error?}, with
// projects reduced to their ids.
import { parseMasterToken } from '../../../app/core/master-token';
import { toErrorInfo } from '../../../app/core/errors';
import { openPickyCore } from '../../../app/core/picky-core';
import { createKeytarSecretStore } from '../../../app/core/secret-store';
import type { SyncState } from '../../../app/core/sync-state';

function summary(state: SyncState): Record<string, unknown> {
  return { ...state, projects: state.projects.map((p) => p.id) };
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.trim();
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const env = process.env;
  let core;
  try {
    core = await openPickyCore({
      dataDir: env.PICKY_CHILD_DIR ?? '',
      env: { PICKY_API_URL: env.PICKY_API_URL },
      secrets: createKeytarSecretStore(env.PICKY_CHILD_SERVICE),
    });
    print({ op: 'open', ok: true, state: summary(core.getState()) });
  } catch (e) {
    print({ op: 'open', ok: false, error: toErrorInfo(e) });
    return;
  }
  for (const op of (env.PICKY_CHILD_OPS ?? 'state').split(',')) {
    try {
      if (op === 'refresh') print({ op, ok: true, state: summary(await core.refresh()) });
      else if (op === 'settings') print({ op, ok: true, view: await core.updateSettings({ notifications: false }) });
      else if (op === 'set-token')
        print({ op, ok: true, state: summary(await core.setToken(parseMasterToken(await readStdin()))) });
      else if (op === 'clear-cache') print({ op, ok: true, state: summary(await core.clearCache()) });
      else print({ op, ok: true, state: summary(core.getState()) });
    } catch (e) {
      print({ op, ok: false, error: toErrorInfo(e) });
    }
  }
  await core.dispose();
}

main().catch((e: unknown) => {
  print({ op: 'main', ok: false, error: toErrorInfo(e) });
  process.exitCode = 1;
});
