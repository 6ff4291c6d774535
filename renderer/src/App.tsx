import { useCallback, useEffect, useRef, useState } from 'react';
import type { Project } from '../../app/core/model';
import type { AppInfo } from '../../app/shared/ipc-contract';
import type { BridgeClient } from './api/bridge-client';
import { QrView } from './components/QrView';
import { SyncBanners, SyncStatus, useRefresh } from './components/SyncHeader';
import { parseRoute } from './lib/routes';
import { Onboarding } from './screens/Onboarding';
import { ProjectDetail } from './screens/ProjectDetail';
import { ProjectList } from './screens/ProjectList';
import { Settings } from './screens/Settings';
import { useRoute } from './state/use-route';
import { useSyncState } from './state/use-sync-state';

function Loading({ text = 'Loading…' }: { text?: string }) {
  return (
    <p className="loading" role="status">
      {text}
    </p>
  );
}

export function App({ client }: { client: BridgeClient }) {
  const [route, navigate] = useRoute();
  const sync = useSyncState(client);
  const [overlayQr, setOverlayQr] = useState<{ id: number; project?: Project }>();
  // Loaded at #/qr/<id> (Electron's QR window): the QR alone. Reached later (a tray `navigate`, a typed hash),
  // the same route opens the QR over the list instead, so its Close never closes the main window.
  const [standaloneQr] = useState(() => parseRoute(window.location.hash).name === 'qr');
  const keepOverlay = useRef(false);
  const [info, setInfo] = useState<AppInfo>();
  const [baseUrl, setBaseUrl] = useState<string>();
  const refreshControl = useRefresh(client, sync.accept);

  useEffect(() => client.on('navigate', ({ route: path }) => navigate(parseRoute(`#${path}`))), [client, navigate]);
  useEffect(() => {
    client.invoke('getAppInfo').then(setInfo, () => undefined);
    client.invoke('getSettings').then((v) => setBaseUrl(v.effectiveBaseUrl), () => undefined);
  }, [client]);
  useEffect(() => {
    if (route.name === 'qr' && !standaloneQr) {
      keepOverlay.current = true;
      setOverlayQr({ id: route.id });
      navigate({ name: 'list' });
      return;
    }
    // Otherwise the overlay belongs to the screen that opened it.
    if (keepOverlay.current) keepOverlay.current = false;
    else setOverlayQr(undefined);
  }, [route, standaloneQr, navigate]);

  const showQr = useCallback(
    async (project: Project) => {
      try {
        const { handled } = await client.invoke('openQr', { projectId: project.id });
        if (handled) return;
      } catch {
        // The shell could not open its own window: showing it in place still works.
      }
      setOverlayQr({ id: project.id, project });
    },
    [client],
  );
  const onShowQr = useCallback((p: Project) => void showQr(p), [showQr]);

  const projects = sync.state?.projects ?? [];
  const find = (id: number) => projects.find((p) => p.id === id);

  if (sync.loadError && !sync.state) {
    return (
      <main className="onboarding">
        <div className="card onboarding-card" role="alert">
          <h1>Picky Tray cannot start</h1>
          <p>{sync.loadError}</p>
        </div>
      </main>
    );
  }

  // Electron's QR window: only the QR, nothing else.
  if (route.name === 'qr' && standaloneQr) {
    if (!sync.state) return <Loading />;
    const close = () => {
      window.close();
      // In a browser tab that the script did not open, close() does nothing: go back to the list instead.
      navigate({ name: 'list' });
    };
    return <QrView project={find(route.id)} onClose={close} />;
  }

  // A state other than no-token already says a token is stored: show the list without waiting for
  // getTokenStatus, which only decides between onboarding and the list when the state says no-token.
  if (!sync.state || (sync.tokenStored === undefined && sync.state.kind === 'no-token')) return <Loading />;

  const withToken = sync.tokenStored !== false && sync.state.kind !== 'no-token';
  let screen;
  if (route.name === 'settings') {
    screen = <Settings client={client} tokenStored={withToken} onState={sync.accept} />;
  } else if (!withToken) {
    screen = <Onboarding client={client} onState={sync.accept} baseUrl={baseUrl} />;
  } else if (route.name === 'project') {
    screen = <ProjectDetail client={client} project={find(route.id)} onShowQr={onShowQr} />;
  } else {
    screen = <ProjectList projects={projects} onShowQr={onShowQr} />;
  }

  const showSync = withToken;
  return (
    <>
      <div className="app" inert={overlayQr !== undefined}>
        <header className="topbar">
          <a className="brand" href="#/">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Picky Tray</span>
            {info?.mode === 'preview' ? <span className="tag">Preview</span> : null}
          </a>
          {showSync ? <SyncStatus state={sync.state} control={refreshControl} /> : null}
          <nav aria-label="Main" className="nav">
            <a href="#/" aria-current={route.name === 'list' || route.name === 'project' ? 'page' : undefined}>
              Projects
            </a>
            <a href="#/settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
              Settings
            </a>
          </nav>
        </header>
        <main className={`content${route.name === 'list' && withToken ? ' content-list' : ''}`}>
          {showSync && route.name !== 'settings' ? (
            <SyncBanners state={sync.state} control={refreshControl} onOpenSettings={() => navigate({ name: 'settings' })} />
          ) : null}
          {screen}
        </main>
      </div>
      {overlayQr ? <QrView project={find(overlayQr.id) ?? overlayQr.project} onClose={() => setOverlayQr(undefined)} /> : null}
    </>
  );
}
