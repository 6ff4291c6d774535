import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createBridgeClient, findRawBridge } from './api/bridge-client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { warmDateFormatting } from '../../app/core/dates';
import { startFirstReads } from './state/use-sync-state';
import './styles.css';

const rootElement = document.getElementById('root');
if (rootElement) {
  const root = createRoot(rootElement);
  const raw = findRawBridge();
  const client = raw ? createBridgeClient(raw) : undefined;
  // React's first render waits for the first answers (briefly: see FIRST_READS_GRACE_MS), so the list is drawn
  // once instead of "Loading…" then the list; and it renders synchronously, not in a later scheduler task: there
  // is nothing else for the page to do, and the answers usually arrive while the bundle is still being evaluated.
  const ready = client ? startFirstReads(client) : Promise.resolve();
  if (client) warmDateFormatting();
  const render = () =>
    root.render(
      <StrictMode>
        {client ? (
          <ErrorBoundary>
            <App client={client} />
          </ErrorBoundary>
        ) : (
          <main className="onboarding">
            <div className="card onboarding-card" role="alert">
              <h1>Picky Tray cannot start</h1>
              <p>This page needs the Picky Tray app (or its preview server) around it. Open it from the app.</p>
            </div>
          </main>
        )}
      </StrictMode>,
    );
  void ready.then(() => flushSync(render));
}
