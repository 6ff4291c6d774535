import { type FormEvent, useEffect, useState } from 'react';
import { DEFAULT_API_BASE_URL, checkApiBaseUrl } from '../../../app/core/api-url';
import type { SyncState } from '../../../app/core/sync-state';
import type { SettingsView } from '../../../app/shared/ipc-contract';
import { type BridgeClient, userMessage } from '../api/bridge-client';
import { ErrorText } from '../components/ErrorText';
import { LogsSection } from '../components/LogsSection';
import { UncheckedTokenOffer } from '../components/UncheckedTokenOffer';
import { type TokenProblem, useTokenForm } from '../state/use-token-form';

interface Props {
  client: BridgeClient;
  tokenStored: boolean;
  onState: (state: SyncState) => void;
}

type Feedback = { kind: 'ok' | 'error'; text: string } | undefined;

function Message({ feedback, id }: { feedback: Feedback; id?: string }) {
  if (!feedback) return null;
  return (
    <p
      id={id}
      className={feedback.kind === 'ok' ? 'field-ok' : 'field-error'}
      role={feedback.kind === 'ok' ? 'status' : 'alert'}
    >
      {feedback.text}
    </p>
  );
}

function TokenSection({ client, tokenStored, onState, host }: Props & { host: string | undefined }) {
  const { token, setToken, busy, setBusy, saveToken } = useTokenForm(
    client,
    onState,
    'Paste the new Master API token first.',
  );
  const [confirming, setConfirming] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>();
  const [problem, setProblem] = useState<TokenProblem>();

  const save = async (saveUnchecked = false) => {
    setFeedback(undefined);
    setProblem(undefined);
    const failed = await saveToken(saveUnchecked);
    setProblem(failed);
    if (!failed)
      setFeedback({
        kind: 'ok',
        text: saveUnchecked
          ? 'Token saved, not checked yet: Picky Tray checks it at the next answer from Picky Assist.'
          : 'Token checked and saved. Projects are refreshing.',
      });
  };
  const remove = async () => {
    setBusy(true);
    setFeedback(undefined);
    try {
      onState(await client.invoke('clearToken'));
      setConfirming(false);
    } catch (err) {
      setFeedback({ kind: 'error', text: userMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2 className="card-title">Master API token</h2>
      <p className="muted">
        {tokenStored
          ? `A token for ${host ?? 'this server'} is stored in your system keychain.`
          : `No token is stored for ${host ?? 'this server'}.`}{' '}
        Find it in the Picky Assist dashboard under API → Master API token.
      </p>
      {host ? (
        <p className="muted small-text">
          The token is checked with and sent only to <strong data-testid="token-host">{host}</strong>.
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <label htmlFor="new-token" className="field-label">
          {tokenStored ? 'Replace with a new Master API token' : 'Master API token'}
        </label>
        <div className="input-row">
          <input
            id="new-token"
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={problem?.kind === 'field' ? true : undefined}
            aria-describedby={problem?.kind === 'field' ? 'new-token-error' : undefined}
          />
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {busy && !confirming ? 'Checking…' : 'Save token'}
          </button>
        </div>
      </form>
      {problem?.kind === 'field' ? (
        <ErrorText id="new-token-error" className="field-error" role="alert" error={problem.error} />
      ) : problem ? (
        <UncheckedTokenOffer
          error={problem.error}
          busy={busy}
          replacing={tokenStored}
          onKeepTrying={() => void save(true)}
        />
      ) : null}
      <Message feedback={feedback} />
      {tokenStored ? (
        confirming ? (
          <div className="confirm" role="group" aria-label="Confirm removing the token">
            <p>Remove the token from this computer? Picky Tray will stop refreshing until you add one again.</p>
            <div className="actions">
              <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
                Yes, remove token
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="button danger-outline" onClick={() => setConfirming(true)}>
              Remove token…
            </button>
          </div>
        )
      ) : null}
    </div>
  );
}

function ConnectionSection({
  client,
  view,
  onView,
}: {
  client: BridgeClient;
  view: SettingsView;
  onView: (v: SettingsView) => void;
}) {
  const [url, setUrl] = useState(view.settings.apiBaseUrl ?? DEFAULT_API_BASE_URL);
  const [minutes, setMinutes] = useState(String(view.settings.refreshIntervalMinutes));
  const [feedback, setFeedback] = useState<Feedback>();
  const checked = checkApiBaseUrl(url);
  const urlError = checked.ok ? undefined : checked.message;
  const plainHttp = checked.ok && checked.url.toLowerCase().startsWith('http:');
  const minutesNumber = Number(minutes);
  const minutesValid = Number.isInteger(minutesNumber) && minutesNumber >= 1 && minutesNumber <= 1440;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!checked.ok || !minutesValid) {
      setFeedback({ kind: 'error', text: 'Fix the highlighted fields first.' });
      return;
    }
    try {
      onView(await client.invoke('updateSettings', { apiBaseUrl: checked.url, refreshIntervalMinutes: minutesNumber }));
      setFeedback({ kind: 'ok', text: 'Saved.' });
    } catch (err) {
      setFeedback({ kind: 'error', text: userMessage(err) });
    }
  };
  const reset = async () => {
    try {
      const next = await client.invoke('updateSettings', { apiBaseUrl: null });
      onView(next);
      setUrl(next.settings.apiBaseUrl ?? DEFAULT_API_BASE_URL);
      setFeedback({ kind: 'ok', text: 'Back to the default address.' });
    } catch (err) {
      setFeedback({ kind: 'error', text: userMessage(err) });
    }
  };

  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate>
      <h2 className="card-title">Connection</h2>
      <label htmlFor="base-url" className="field-label">
        API address
      </label>
      <input
        id="base-url"
        className="input"
        type="url"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        aria-invalid={urlError ? true : undefined}
        aria-describedby="base-url-help"
      />
      <div id="base-url-help">
        {urlError ? <p className="field-error">{urlError}</p> : null}
        {plainHttp ? (
          <p className="field-warn">
            This address uses plain http: your token would travel unencrypted. Use https:// unless it is a local test
            server.
          </p>
        ) : null}
        {view.baseUrlFromEnv ? (
          <p className="field-warn">
            PICKY_API_URL is set, so Picky Tray uses <code>{view.effectiveBaseUrl}</code> whatever this field says.
          </p>
        ) : null}
      </div>
      <label htmlFor="interval" className="field-label">
        Refresh every (minutes)
      </label>
      <input
        id="interval"
        className="input narrow"
        type="number"
        min={1}
        max={1440}
        step={1}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        aria-invalid={minutesValid ? undefined : true}
      />
      {minutesValid ? null : <p className="field-error">Choose a whole number of minutes from 1 to 1440.</p>}
      <div className="actions">
        <button type="submit" className="button primary">
          Save connection
        </button>
        <button type="button" className="button" onClick={() => void reset()}>
          Use default address
        </button>
      </div>
      <Message feedback={feedback} />
    </form>
  );
}

function PreferencesSection({
  client,
  view,
  onView,
}: {
  client: BridgeClient;
  view: SettingsView;
  onView: (v: SettingsView) => void;
}) {
  const [error, setError] = useState<string>();
  const toggle = async (patch: { launchAtLogin?: boolean; notifications?: boolean }) => {
    setError(undefined);
    try {
      onView(await client.invoke('updateSettings', patch));
    } catch (err) {
      setError(userMessage(err));
    }
  };
  return (
    <div className="card">
      <h2 className="card-title">Preferences</h2>
      <div className="check">
        <input
          id="launch-at-login"
          type="checkbox"
          checked={view.settings.launchAtLogin}
          disabled={!view.launchAtLoginSupported}
          aria-describedby={view.launchAtLoginSupported ? undefined : 'launch-note'}
          onChange={(e) => void toggle({ launchAtLogin: e.target.checked })}
        />
        <label htmlFor="launch-at-login">Launch at login</label>
      </div>
      {view.launchAtLoginSupported ? null : (
        <p id="launch-note" className="muted small-text indent">
          Not available here: this build cannot start itself at login on this system.
        </p>
      )}
      {view.trayHint ? (
        <p id="tray-hint" className="muted small-text indent" role="note">
          {view.trayHint}
        </p>
      ) : null}
      <div className="check">
        <input
          id="notifications"
          type="checkbox"
          checked={view.settings.notifications}
          onChange={(e) => void toggle({ notifications: e.target.checked })}
        />
        <label htmlFor="notifications">Notify me when a project’s status changes or billing is near</label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function CacheSection({ client, onState }: { client: BridgeClient; onState: (s: SyncState) => void }) {
  const [feedback, setFeedback] = useState<Feedback>();
  const clear = async () => {
    try {
      onState(await client.invoke('clearCache'));
      setFeedback({ kind: 'ok', text: 'The offline copy was deleted.' });
    } catch (err) {
      setFeedback({ kind: 'error', text: userMessage(err) });
    }
  };
  return (
    <div className="card">
      <h2 className="card-title">Offline copy</h2>
      <p className="muted">
        Picky Tray keeps an encrypted copy of your projects so the list works without a connection.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void clear()}>
          Clear offline cache
        </button>
      </div>
      <Message feedback={feedback} />
    </div>
  );
}

export function Settings({ client, tokenStored, onState }: Props) {
  const [view, setView] = useState<SettingsView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    client.invoke('getSettings').then(setView, (e: unknown) => setError(userMessage(e)));
  }, [client]);
  return (
    <section className="settings" aria-labelledby="settings-title">
      <a className="back" href="#/">
        ← All projects
      </a>
      <h1 id="settings-title" className="screen-title">
        Settings
      </h1>
      {view?.warning ? (
        <p className="notice" role="status">
          {view.warning}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {view?.addressProblem ? (
        <p className="notice notice-error" role="alert">
          {view.addressProblem}
        </p>
      ) : null}
      <TokenSection client={client} tokenStored={tokenStored} onState={onState} host={view?.host} />
      <div className="card">
        <h2 className="card-title">Projects added by hand</h2>
        <p className="hint">
          When Picky Assist cannot list your projects, add one with its license key and a project API token from your
          dashboard.
        </p>
        <div className="actions">
          <a className="button" href="#/add">
            Add a project…
          </a>
        </div>
      </div>
      {view ? (
        <>
          <ConnectionSection client={client} view={view} onView={setView} />
          <PreferencesSection client={client} view={view} onView={setView} />
        </>
      ) : null}
      <CacheSection client={client} onState={onState} />
      <LogsSection client={client} />
    </section>
  );
}
