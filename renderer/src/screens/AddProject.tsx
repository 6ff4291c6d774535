// Adding (or editing) a project by hand: a name, the license key (what the QR encodes) and one project API token
// (optional: phone status and commands). The main side checks the token with one device-status call; the window
// never keeps the key or the token after the answer, and gets the token back only masked. That call takes a slot of
// the account's status-call budget (3 a minute, shared with the phone checks): when none is free the main side waits
// for one, and the form says when the check runs.
import { type FormEvent, useState } from 'react';
import type { ErrorInfo } from '../../../app/core/errors';
import type { Project } from '../../../app/core/model';
import type { SyncState } from '../../../app/core/sync-state';
import type { ManualSaveAnswer } from '../../../app/shared/ipc-contract';
import { BridgeError, type BridgeClient } from '../api/bridge-client';
import { ErrorText } from '../components/ErrorText';
import { shortDateTime } from '../../../app/core/dates';

interface Props {
  client: BridgeClient;
  onState: (state: SyncState) => void;
  /** Editing this hand-added project; adding a new one when absent. */
  editing?: Project;
  onDone: (projectId: number) => void;
  onCancel: () => void;
}

const UNREACHABLE = new Set(['timeout', 'connection-refused', 'dns', 'network']);
const REFUSED_REQUEST = new Set(['http-status', 'not-json', 'schema', 'too-large']);

function toInfo(e: unknown): ErrorInfo {
  if (e instanceof BridgeError) {
    const info: ErrorInfo = { code: e.code, message: e.message };
    if (e.detail) info.detail = e.detail;
    return info;
  }
  return { code: 'internal', message: 'Something went wrong; try again.' };
}

export function AddProject({ client, onState, editing, onDone, onCancel }: Props) {
  const [name, setName] = useState(editing?.name ?? '');
  const [licenseKey, setLicenseKey] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [canSaveUnchecked, setCanSaveUnchecked] = useState(false);
  const [saved, setSaved] = useState<ManualSaveAnswer>();
  /** When the token's check waits for a free status call: the sentence saying until when. */
  const [waitNote, setWaitNote] = useState<string>();

  /** Says when the token's check can run, when that is not now (the save itself waits for it on the main side). */
  const announceWait = async () => {
    try {
      const { at } = await client.invoke('phoneCheckSlot');
      const wait = Date.parse(at) - Date.now();
      if (wait > 1_000) {
        setWaitNote(
          `Picky Assist answers 3 phone checks a minute for the whole account, so the token is checked at ${
            shortDateTime(at, Date.now()) ?? 'the next free slot'
          } (in about ${Math.ceil(wait / 1000)} s). Picky Tray waits for it.`,
        );
      }
    } catch {
      // Only the advance notice is lost: the save below still waits for the slot and reports its own errors.
    }
  };

  const save = async (saveUnchecked: boolean) => {
    setError(undefined);
    setCanSaveUnchecked(false);
    if (name.trim() === '') {
      setError({ code: 'bad-input', message: 'Give the project a name — any text that helps you find it.' });
      return;
    }
    if (!editing && licenseKey.trim() === '' && apiToken.trim() === '') {
      setError({ code: 'bad-input', message: 'Paste the license key (for the QR), the API token, or both.' });
      return;
    }
    setBusy(true);
    if (apiToken.trim() !== '') await announceWait();
    try {
      const answer = editing
        ? await client.invoke('editManualProject', {
            projectId: editing.id,
            name,
            ...(licenseKey.trim() ? { licenseKey } : {}),
            ...(apiToken.trim() ? { apiToken } : {}),
            saveUnchecked,
          })
        : await client.invoke('addManualProject', { name, licenseKey, apiToken, saveUnchecked });
      setLicenseKey('');
      setApiToken('');
      onState(answer.state);
      setSaved(answer);
    } catch (e) {
      const info = toInfo(e);
      setError(info);
      setCanSaveUnchecked(UNREACHABLE.has(info.code) || REFUSED_REQUEST.has(info.code));
    } finally {
      setBusy(false);
      setWaitNote(undefined);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  if (saved) {
    return (
      <div className="card add-project" data-testid="manual-saved">
        <h2 className="card-title">{editing ? 'Project saved' : 'Project added'}</h2>
        <p role="status">
          {saved.check === 'checked'
            ? `Picky Assist accepted the API token: ${
                saved.learnedProjectId !== undefined ? `project ${saved.learnedProjectId}, ` : ''
              }${saved.connectedNumber ? `connected number ${saved.connectedNumber}` : 'no number connected'}.`
            : saved.check === 'unchecked'
              ? 'Saved without a check, as you asked; Picky Tray checks the token when Picky Assist answers.'
              : 'Saved without an API token: the QR works; phone status and commands need one.'}
        </p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => onDone(saved.projectId)}>
            Open the project
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="card add-project" onSubmit={submit} noValidate aria-labelledby="add-project-title">
      <h2 className="card-title" id="add-project-title">
        {editing ? `Edit “${editing.name}”` : 'Add a project by hand'}
      </h2>
      <p className="hint">
        For when Picky Assist cannot list your projects. The license key and the token are kept in your system’s
        keychain, never in a file.
      </p>
      <label htmlFor="manual-name" className="field-label">
        Name
      </label>
      <input
        id="manual-name"
        className="input"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        aria-describedby="manual-name-hint"
      />
      <p className="hint" id="manual-name-hint">
        Any name that helps you find it, such as “Front desk”.
      </p>
      <label htmlFor="manual-license-key" className="field-label">
        License key{editing ? ' (leave empty to keep it)' : ''}
      </label>
      <input
        id="manual-license-key"
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={licenseKey}
        onChange={(e) => setLicenseKey(e.target.value)}
        aria-describedby="manual-license-hint"
      />
      <p className="hint" id="manual-license-hint">
        Dashboard → your project → the license key shown under its pairing QR. The QR encodes it.
      </p>
      <label htmlFor="manual-api-token" className="field-label">
        Project API token (optional{editing ? '; leave empty to keep it' : ''})
      </label>
      <input
        id="manual-api-token"
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={apiToken}
        onChange={(e) => setApiToken(e.target.value)}
        aria-describedby="manual-token-hint"
      />
      <p className="hint" id="manual-token-hint">
        Dashboard → your project → API → API tokens (one without an IP limit). It lets Picky Tray check the phone.
      </p>
      {waitNote ? (
        <p className="hint" role="status" data-testid="manual-wait">
          {waitNote}
        </p>
      ) : null}
      {error ? <ErrorText className="field-error" role="alert" error={error} /> : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy ? (waitNote ? 'Waiting for a free check…' : 'Checking…') : editing ? 'Save' : 'Add project'}
        </button>
        {canSaveUnchecked ? (
          <button type="button" className="button" disabled={busy} onClick={() => void save(true)}>
            Save and check later
          </button>
        ) : null}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
