// The detail's phone section: state and since when, connected number, queued messages, last check, "Check now"
// (within the shared budget: it says when the next slot is) and the commands for the phone's bridge app. Clearing
// the queue deletes messages, so it asks first, naming the project and the queued count.
import { useEffect, useRef, useState } from 'react';
import type { Project } from '../../../app/core/model';
import type { PhoneState } from '../../../app/core/phone-state';
import type { ErrorInfo } from '../../../app/core/errors';
import type { BridgeClient } from '../api/bridge-client';
import { userError } from '../api/bridge-client';
import { ErrorText } from './ErrorText';
import { shortDateTime, timeAgo } from '../../../app/core/dates';
import { PhoneBadge } from './PhoneBadge';

type Command = 'restart' | 'pause-queue' | 'resume-queue' | 'clear-queue';
const COMMAND_LABELS: Record<Command, string> = {
  restart: 'Restart bridge app',
  'pause-queue': 'Pause queue',
  'resume-queue': 'Resume queue',
  'clear-queue': 'Clear queue…',
};
const COMMAND_DONE: Record<Command, string> = {
  restart: 'The bridge app is restarting; the phone may show offline for a moment.',
  'pause-queue': 'The message queue is paused.',
  'resume-queue': 'The message queue is sending again.',
  'clear-queue': 'The message queue was cleared.',
};

function queuedText(n: number | undefined): string {
  if (n === undefined) return 'every queued message';
  return `${n} queued ${n === 1 ? 'message' : 'messages'}`;
}

function ConfirmClear({
  project,
  queued,
  onCancel,
  onConfirm,
}: {
  project: Project;
  queued: number | undefined;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
    >
      <div className="card">
        <h2 id="confirm-title" className="card-title">
          Clear the queue of “{project.name}”?
        </h2>
        <p id="confirm-text">
          This deletes {queuedText(queued)} (at the last check). They will not be sent, and this cannot be undone.
        </p>
        <div className="confirm-actions">
          <button ref={cancel} type="button" className="button" onClick={onCancel}>
            Keep the messages
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            Delete {queuedText(queued)}
          </button>
        </div>
      </div>
    </div>
  );
}

export function PhoneSection({
  client,
  project,
  phone,
  now,
}: {
  client: BridgeClient;
  project: Project;
  phone: PhoneState | undefined;
  now: number;
}) {
  const [note, setNote] = useState<string | ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const checkNow = async () => {
    setBusy(true);
    try {
      const { at } = await client.invoke('checkPhone', { projectId: project.id });
      const wait = Date.parse(at) - Date.now();
      setNote(
        wait <= 1_000
          ? 'Checking now…'
          : `Picky Assist allows 3 phone checks a minute for the whole account; this one runs at ${shortDateTime(at, Date.now()) ?? 'the next free slot'} (in about ${Math.ceil(wait / 1000)} s).`,
      );
    } catch (e) {
      setNote(userError(e));
    } finally {
      setBusy(false);
    }
  };

  const send = async (command: Command, confirmed = false) => {
    setBusy(true);
    setConfirming(false);
    try {
      await client.invoke('phoneCommand', { projectId: project.id, command, confirmed });
      setNote(`${COMMAND_DONE[command]} The phone is checked again at the next free slot.`);
    } catch (e) {
      setNote(userError(e));
    } finally {
      setBusy(false);
    }
  };

  const since = phone?.since ? shortDateTime(phone.since, now) : undefined;
  const checked = phone?.checkedAt
    ? `${shortDateTime(phone.checkedAt, now)} (${timeAgo(phone.checkedAt, now)})`
    : 'Not checked yet';
  return (
    <div className="card phone-section" aria-labelledby="phone-title">
      <h2 id="phone-title" className="card-title">
        Phone
      </h2>
      <dl className="fields">
        <div className="field">
          <dt>State</dt>
          <dd>
            <span className="field-value">
              <PhoneBadge phone={phone} now={now} />
              {since && phone?.state !== 'no-internet' ? <span className="muted"> since {since}</span> : null}
            </span>
          </dd>
        </div>
        {phone?.error ? (
          <div className="field">
            <dt>Why</dt>
            <dd>
              <ErrorText className="field-value" error={phone.error} />
            </dd>
          </div>
        ) : null}
        <div className="field">
          <dt>Connected number</dt>
          <dd>
            <span className="field-value">{phone?.connectedNumber || <span className="muted">—</span>}</span>
          </dd>
        </div>
        <div className="field">
          <dt>Queued messages</dt>
          <dd>
            <span className="field-value">{phone?.queueCount ?? <span className="muted">—</span>}</span>
          </dd>
        </div>
        <div className="field">
          <dt>Last check</dt>
          <dd>
            <span className="field-value">{checked}</span>
          </dd>
        </div>
      </dl>
      <div className="phone-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void checkNow()}>
          Check now
        </button>
        {(['restart', 'pause-queue', 'resume-queue'] as const).map((c) => (
          <button key={c} type="button" className="button" disabled={busy} onClick={() => void send(c)}>
            {COMMAND_LABELS[c]}
          </button>
        ))}
        <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
          {COMMAND_LABELS['clear-queue']}
        </button>
      </div>
      {typeof note === 'object' ? (
        <ErrorText error={note} className="phone-note field-error block" role="status" />
      ) : (
        <p className="phone-note muted" role="status">
          {note ?? ''}
        </p>
      )}
      {confirming ? (
        <ConfirmClear
          project={project}
          queued={phone?.queueCount}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void send('clear-queue', true)}
        />
      ) : null}
    </div>
  );
}
