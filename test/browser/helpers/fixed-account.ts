// A preview against a tiny server that answers every request with the same projects: for specs whose fixtures the
// emulator cannot express (hostile text, odd license keys, date cases). Its own keychain service and data folder.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeytarSecretStore } from '../../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../../app/preview/preview-server';
import { cacheKeyAccountFor, tokenAccountFor } from '../../helpers/accounts';

export interface FixedAccount {
  preview: PreviewHandle;
  /** Stops the preview and the server, and removes the keychain entries and the data folder. */
  close(): Promise<void>;
}

export async function startFixedAccount(label: string, projects: unknown[]): Promise<FixedAccount> {
  const service = `Picky Tray ${label} test ${randomBytes(6).toString('hex')}`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 100, message: 'Success', data: projects }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dataDir = await mkdtemp(join(tmpdir(), `picky-tray-${label}-`));
  const apiUrl = `http://127.0.0.1:${port}/app/api/v2`;
  const preview = await startPreview({
    port: 0,
    dataDir,
    env: { PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: dataDir },
    secrets: createKeytarSecretStore(service),
  });
  return {
    preview,
    async close() {
      await preview.close();
      await new Promise<void>((r) => server.close(() => r()));
      const secrets = createKeytarSecretStore(service);
      await secrets.delete(tokenAccountFor(apiUrl)).catch(() => false);
      await secrets.delete(cacheKeyAccountFor(apiUrl)).catch(() => false);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
