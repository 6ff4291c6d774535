import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import type { Project } from '../../app/core/model';
import type { AppInfo } from '../../app/shared/ipc-contract';
import { type BridgeClient, userMessage } from './api/bridge-client';
import { AccountLabel } from './components/AccountLabel';
import { phoneOf } from '../../app/core/phone-state';
import { SyncBanners, SyncStatus, useRefresh } from './components/SyncHeader';
import { focusedElement } from './lib/focus';
import { shortDateTime } from '../../app/core/dates';
import { parseRoute } from './lib/routes';
import { manualNumberOf } from '../../app/core/manual-id';
import { AddProject } from './screens/AddProject';
import { Onboarding } from './screens/Onboarding';
import { ProjectDetail } from './screens/ProjectDetail';
import { INITIAL_LIST_PLACE, type ListPlace, ProjectList } from './screens/ProjectList';
import { useRoute } from './state/use-route';
import { useSyncState } from './state/use-sync-state';

// Loaded when first shown, in chunks of their own: the QR encoder and the Settings screen stay out of the bundle
// the first screen waits for.
const loadQrView = () => import('./components/QrView');
const loadSettings = () => import('./screens/Settings');
const QrView = lazy(() => loadQrView().then((m) => ({ default: m.QrView })));
const Settings = lazy(() => loadSettings().then((m) => ({ default: m.Settings })));

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
  // `returnFocusTo`: where focus was when the overlay opened, taken then, because the page behind turns inert
  // (which drops focus) while the overlay's code may still be loading.
  const [overlayQr, setOverlayQr] = useState<{ id: number; project?: Project; returnFocusTo: HTMLElement | null }>();
  // Loaded at #/qr/<id> (Electron's QR window): the QR alone. Reached later (a tray `navigate`, a typed hash),
  // the same route opens the QR over the list instead, so its Close never closes the main window.
  const [standaloneQr] = useState(() => parseRoute(window.location.hash).name === 'qr');
  const keepOverlay = useRef(false);
  const [info, setInfo] = useState<AppInfo>();
  const refreshControl = useRefresh(client, sync.accept);
  // The list's filter, chip, sort, scroll and opened row, kept while a project's detail is open.
  const [listPlace] = useState<ListPlace>(() => ({ ...INITIAL_LIST_PLACE }));

  useEffect(() => client.on('navigate', ({ route: path }) => navigate(parseRoute(`#${path}`))), [client, navigate]);
  // A second after the first screen is up, when the browser is idle: the "Preview" tag, and the code of the QR
  // view and the settings, so that opening them does not wait for a download. Not on the way to the first screen.
  useEffect(() => {
    let live = true;
    let idle: number | undefined;
    const ask = () => {
      // Optional early reads: without the app info only the version line stays empty; a prefetch that fails is
      // fetched again when its screen opens, and that one shows the error.
      client.invoke('getAppInfo').then(
        (v) => live && setInfo(v),
        () => undefined,
      );
      loadQrView().catch(() => undefined);
      loadSettings().catch(() => undefined);
    };
    const timer = window.setTimeout(() => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(ask, { timeout: 2000 });
      else ask();
    }, 1000);
    return () => {
      live = false;
      window.clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [client]);
  useEffect(() => {
    if (route.name === 'qr' && !standaloneQr) {
      keepOverlay.current = true;
      setOverlayQr({ id: route.id, returnFocusTo: focusedElement() });
      navigate({ name: 'list' });
      return;
    }
    // Otherwise the overlay belongs to the screen that opened it.
    if (keepOverlay.current) keepOverlay.current = false;
    else setOverlayQr(undefined);
  }, [route, standaloneQr, navigate]);

  // The project whose QR or detail is open is the phone monitor's focus: checked first, then every 20 s.
  const focusId = overlayQr?.id ?? (route.name === 'project' || route.name === 'qr' ? route.id : undefined);
  useEffect(() => {
    client.invoke('focusPhone', { projectId: focusId ?? null }).catch(() => {
      // Focus only speeds checks up; without it the phone is still checked in turn.
    });
  }, [client, focusId]);
  const restartBridge = useCallback(
    async (projectId: number): Promise<string> => {
      try {
        await client.invoke('phoneCommand', { projectId, command: 'restart' });
        return 'The bridge app is restarting; keep this code open and scan again in a moment.';
      } catch (e) {
        return userMessage(e);
      }
    },
    [client],
  );

  const showQr = useCallback(
    async (project: Project) => {
      try {
        const { handled } = await client.invoke('openQr', { projectId: project.id });
        if (handled) return;
      } catch {
        // The shell could not open its own window: showing it in place still works.
      }
      setOverlayQr({ id: project.id, project, returnFocusTo: focusedElement() });
    },
    [client],
  );
  const onShowQr = useCallback((p: Project) => void showQr(p), [showQr]);

  const projects = sync.state?.projects ?? [];
  const phones = sync.state?.phones;
  // A hand-added id that a listing has since merged into the fetched project still finds it.
  const find = (id: number) =>
    projects.find((p) => p.id === id) ?? projects.find((p) => p.manual && p.manual.number === manualNumberOf(id));

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
    return (
      <Suspense fallback={<Loading />}>
        <QrView
          project={find(route.id)}
          onClose={close}
          phone={phoneOf(phones, route.id)}
          onRestartBridge={() => restartBridge(route.id)}
        />
      </Suspense>
    );
  }

  // A state other than no-token already says a token is stored: show the list without waiting for
  // getTokenStatus, which only decides between onboarding and the list when the state says no-token.
  if (!sync.state || (sync.tokenStored === undefined && sync.state.kind === 'no-token')) return <Loading />;

  // Projects added by hand make the app useful without a Master token: the list, not onboarding.
  const withToken =
    (sync.tokenStored !== false && sync.state.kind !== 'no-token') || projects.some((p) => p.manual !== undefined);
  let screen;
  if (route.name === 'add' || route.name === 'edit') {
    const editing = route.name === 'edit' ? find(route.id) : undefined;
    screen =
      route.name === 'edit' && !editing?.manual ? (
        <p className="empty">There is no project added by hand with this id.</p>
      ) : (
        <AddProject
          key={route.name === 'edit' ? `edit-${route.id}` : 'add'}
          client={client}
          onState={sync.accept}
          {...(editing ? { editing } : {})}
          onDone={(id) => navigate({ name: 'project', id })}
          onCancel={() => window.history.back()}
        />
      );
  } else if (route.name === 'settings') {
    screen = (
      <Suspense fallback={<Loading />}>
        <Settings client={client} tokenStored={withToken} onState={sync.accept} />
      </Suspense>
    );
  } else if (!withToken) {
    screen = <Onboarding client={client} onState={sync.accept} />;
  } else if (route.name === 'project') {
    screen = (
      <ProjectDetail
        client={client}
        project={find(route.id)}
        phones={phones}
        onShowQr={onShowQr}
        onState={sync.accept}
      />
    );
  } else {
    const s = sync.state;
    const awaiting =
      s.source === 'none' && s.kind !== 'auth-error'
        ? {
            unchecked: s.tokenUnchecked === true,
            nextTryAt: s.nextRefreshAt ? shortDateTime(s.nextRefreshAt, Date.now()) : undefined,
            trying: refreshControl.pending || s.kind === 'refreshing',
            onTryNow: () => void refreshControl.refresh(),
          }
        : undefined;
    screen = (
      <ProjectList projects={projects} phones={phones} onShowQr={onShowQr} awaiting={awaiting} place={listPlace} />
    );
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
          {showSync ? <AccountLabel account={sync.account} /> : null}
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
            <SyncBanners
              state={sync.state}
              control={refreshControl}
              onOpenSettings={() => navigate({ name: 'settings' })}
            />
          ) : null}
          {screen}
        </main>
      </div>
      {overlayQr ? (
        <Suspense fallback={null}>
          <QrView
            project={find(overlayQr.id) ?? overlayQr.project}
            returnFocusTo={overlayQr.returnFocusTo}
            onClose={() => setOverlayQr(undefined)}
            phone={phoneOf(phones, overlayQr.id)}
            onRestartBridge={() => restartBridge(overlayQr.id)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
