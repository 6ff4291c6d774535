import { type FormEvent, useEffect, useState } from 'react';
import type { SyncState } from '../../../app/core/sync-state';
import type { SettingsView } from '../../../app/shared/ipc-contract';
import type { BridgeClient } from '../api/bridge-client';
import { ErrorText } from '../components/ErrorText';
import { UncheckedTokenOffer } from '../components/UncheckedTokenOffer';
import { type TokenProblem, useTokenForm } from '../state/use-token-form';

interface Props {
  client: BridgeClient;
  onState: (state: SyncState) => void;
}

/** The emulator runs on this computer: a demo hint only makes sense for a loopback address. */
function looksLikeEmulator(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    // Not a URL: not the emulator, so no emulator hint.
    return false;
  }
}

export function Onboarding({ client, onState }: Props) {
  // The API address in use, to offer the demo token when it is the local emulator. Only this screen needs it,
  // so only this screen asks for the settings.
  // Also the host the token will be sent to, so the user knows which server they give it to.
  const [view, setView] = useState<SettingsView>();
  const baseUrl = view?.effectiveBaseUrl;
  useEffect(() => {
    let live = true;
    client.invoke('getSettings').then(
      (v) => live && setView(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  const { token, setToken, busy, saveToken } = useTokenForm(client, onState, 'Paste your Master API token first.');
  const [problem, setProblem] = useState<TokenProblem>();
  const fieldError = problem?.kind === 'field' ? problem.error : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setProblem(await saveToken());
  };
  const keepTrying = async () => {
    setProblem(await saveToken(true));
  };

  return (
    <main className="onboarding">
      <div className="card onboarding-card">
        <h1>Welcome to Picky Tray</h1>
        <p className="lead">Your Picky Assist projects at a glance, with each project’s pairing QR one click away.</p>
        <h2>{view?.host ? `Enter the Master API token for ${view.host}` : 'Connect your account'}</h2>
        {view?.addressProblem ? (
          <p className="field-error" role="alert">
            {view.addressProblem} <a href="#/settings">Open Settings</a>
          </p>
        ) : null}
        <ol className="steps">
          <li>Sign in to the Picky Assist dashboard.</li>
          <li>
            Open <strong>API</strong> and find the <strong>Master API token</strong>.
          </li>
          <li>
            Copy it and paste it below. It is kept in your system’s keychain, never in a file
            {view?.host ? (
              <>
                , and sent only to <strong data-testid="token-host">{view.host}</strong>
              </>
            ) : null}
            .
          </li>
        </ol>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="master-token" className="field-label">
            Master API token
          </label>
          <input
            id="master-token"
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'token-error' : undefined}
          />
          {fieldError ? <ErrorText id="token-error" className="field-error" role="alert" error={fieldError} /> : null}
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? 'Checking…' : 'Save'}
            </button>
          </div>
          {problem?.kind === 'uncheckable' ? (
            <UncheckedTokenOffer error={problem.error} busy={busy} onKeepTrying={() => void keepTrying()} />
          ) : null}
        </form>
        <p className="hint">
          <a href="#/add">My account can't list projects — add a project by hand</a>
        </p>
        {looksLikeEmulator(baseUrl) ? (
          <p className="hint">
            Trying the demo? This copy talks to the built-in emulator: use the demo token printed by{' '}
            <code>npm run emulator</code>.
          </p>
        ) : null}
      </div>
    </main>
  );
}
