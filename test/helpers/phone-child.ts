// A Picky Tray process that checks phones as often as its budget lets it for a while, then prints how many it
// checked: two of these on one data folder prove the budget ledger is shared. Env: PICKY_API_URL,
// PICKY_TRAY_HOME, CHILD_MS (how long to keep trying), CHILD_TOKEN (the emulator's fake Master token).
import { openPickyCore } from '../../app/core/picky-core';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { tokenAccountFor } from './accounts';

async function main(): Promise<void> {
  const core = await openPickyCore({
    dataDir: process.env.PICKY_TRAY_HOME ?? '',
    env: process.env,
    secrets: createMemorySecretStore({
      [tokenAccountFor(process.env.PICKY_API_URL ?? '')]: process.env.CHILD_TOKEN ?? '',
    }),
  });
  await core.refresh();
  const until = Date.now() + Number(process.env.CHILD_MS ?? '3000');
  let checked = 0;
  while (Date.now() < until) {
    checked += (await core.phones.checkWithinBudget()).checked;
    await new Promise((r) => setTimeout(r, 50));
  }
  await core.dispose();
  process.stdout.write(`${JSON.stringify({ checked })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
