// Child process for keychain tests: runs one keytar operation and prints the outcome as one JSON line.
// Usage: keychain-child.ts <get|set|delete>; the service name comes from PICKY_TEST_SERVICE.
import { toErrorInfo } from '../../app/core/errors';
import { createKeytarSecretStore } from '../../app/core/secret-store';

export const CHILD_SECRET = 'child-secret-9f3b2c71-do-not-print';

async function main(): Promise<void> {
  const store = createKeytarSecretStore(process.env.PICKY_TEST_SERVICE ?? 'Picky Tray test');
  const op = process.argv[2];
  try {
    if (op === 'set') await store.set('probe', CHILD_SECRET);
    else if (op === 'delete') await store.delete('probe');
    else await store.get('probe');
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: toErrorInfo(e) })}\n`);
  }
}

void main();
