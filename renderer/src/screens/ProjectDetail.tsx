import { type ReactNode, useEffect, useState } from 'react';
import type { ApiToken, Project } from '../../../app/core/model';
import type { SyncState } from '../../../app/core/sync-state';
import { type BridgeClient, userMessage } from '../api/bridge-client';
import { CopyButton } from '../components/CopyButton';
import { StatusBadge } from '../components/StatusBadge';
import { billingView, projectBillingText } from '../../../app/core/dates';
import { noBillingLabel, planLabel, serviceLabel } from '../../../app/core/labels';
import { useNow } from '../state/use-now';
import { type PhoneStates, isPhoneProject, phoneOf } from '../../../app/core/phone-state';
import { PhoneSection } from '../components/PhoneSection';

interface Props {
  client: BridgeClient;
  project: Project | undefined;
  phones?: PhoneStates;
  onShowQr: (project: Project) => void;
  /** After removing a hand-added project: the new state. */
  onState?: (state: SyncState) => void;
}

/** Edit and Remove (with confirmation) for a project added by hand; removing keeps every other secret. */
function ManualActions({
  client,
  project,
  onState,
}: {
  client: BridgeClient;
  project: Project;
  onState?: (s: SyncState) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = project.manual ? project.id : undefined;
  if (id === undefined) return null;
  const remove = async () => {
    setBusy(true);
    try {
      const state = await client.invoke('removeManualProject', { projectId: id });
      onState?.(state);
      window.location.hash = '#/';
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The project could not be removed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="manual-actions">
      <a className="button" href={`#/edit/${id}`}>
        Edit
      </a>
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm removing the project">
          <p>Remove “{project.name}” and its license key and API token from this computer?</p>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            Remove
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button danger-outline" onClick={() => setConfirming(true)}>
          Remove…
        </button>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Field({ label, children, action }: { label: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>
        <span className="field-value">{children}</span>
        {action ? <span className="field-action">{action}</span> : null}
      </dd>
    </div>
  );
}

const none = <span className="muted">—</span>;

/** A project API token: masked as main sent it (last 4 characters); Reveal asks main for this one token, Copy has
 *  main write the clipboard (the preview hands the text back for the page to write). */
function TokenRow({
  client,
  projectId,
  token,
  index,
}: {
  client: BridgeClient;
  projectId: number;
  token: ApiToken;
  index: number;
}) {
  const [revealed, setRevealed] = useState<string>();
  const [copy, setCopy] = useState<'copied' | 'failed'>();
  const [error, setError] = useState<string>();
  const label = `API token ${index + 1}`;
  const toggle = async () => {
    setError(undefined);
    if (revealed !== undefined) return setRevealed(undefined);
    try {
      setRevealed((await client.invoke('revealApiToken', { projectId, index })).token);
    } catch (e) {
      setError(userMessage(e));
    }
  };
  const copyToken = async () => {
    setError(undefined);
    try {
      const result = await client.invoke('copyApiToken', { projectId, index });
      if (!result.copied && result.text !== undefined) await navigator.clipboard.writeText(result.text);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
    window.setTimeout(() => setCopy(undefined), 1800);
  };
  return (
    <li className="token-row">
      <div className="token-text">
        <span className="muted small-text">{token.ip ? `IP ${token.ip}` : 'Any IP'}</span>
        <code className="token-value" aria-label={revealed !== undefined ? label : `${label} (hidden)`}>
          {revealed ?? token.token}
        </code>
        {error ? (
          <span className="field-error block" role="status">
            {error}
          </span>
        ) : null}
      </div>
      <span className="field-action">
        <button
          type="button"
          className="button small"
          aria-pressed={revealed !== undefined}
          aria-label={`${revealed !== undefined ? 'Hide' : 'Reveal'} ${label}`}
          onClick={() => void toggle()}
        >
          {revealed !== undefined ? 'Hide' : 'Reveal'}
        </button>
        <button type="button" className="button small" aria-label={`Copy ${label}`} onClick={() => void copyToken()}>
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy' : 'Copy'}
        </button>
      </span>
    </li>
  );
}

function Webhook({ client, label, url }: { client: BridgeClient; label: string; url: string | undefined }) {
  const [error, setError] = useState<string>();
  if (!url) return <Field label={label}>{none}</Field>;
  const open = async () => {
    setError(undefined);
    try {
      const { opened } = await client.invoke('openExternal', { url });
      if (!opened) setError('This address was not opened here. Copy it and open it in your browser.');
    } catch (e) {
      setError(userMessage(e));
    }
  };
  return (
    <Field
      label={label}
      action={
        <>
          <button type="button" className="button small" aria-label={`Open ${label}`} onClick={() => void open()}>
            Open
          </button>
          <CopyButton value={url} label={label} />
        </>
      }
    >
      <span className="url">{url}</span>
      {error ? (
        <span className="field-error block" role="status">
          {error}
        </span>
      ) : null}
    </Field>
  );
}

/** An expired project sends nothing: say so first, with the way to renew it (the dashboard of the server in use,
 *  opened by main; its address is shown when it could not be opened). */
function RenewBanner({ client, expired }: { client: BridgeClient; expired: ReturnType<typeof billingView> }) {
  const [fallback, setFallback] = useState<string>();
  // The one date rule's phrase, read as the end of the sentence: "… expired — it was due 17 Nov".
  const when = expired !== undefined && 'wasDue' in expired && expired.wasDue ? ` — it ${expired.wasDue}` : '';
  const open = async () => {
    setFallback(undefined);
    try {
      const { opened, url } = await client.invoke('openDashboard');
      if (!opened) setFallback(`Open ${url} in your browser to renew it.`);
    } catch (e) {
      setFallback(userMessage(e));
    }
  };
  return (
    <div className="banner banner-warn" role="status">
      <div>
        <p className="banner-title">This project has expired{when}</p>
        <p>It sends no messages until it is renewed in your Picky Assist dashboard.</p>
        {fallback ? <p className="small-text">{fallback}</p> : null}
      </div>
      <button type="button" className="button" onClick={() => void open()}>
        Renew in Picky Assist
      </button>
    </div>
  );
}

/** Esc goes back to the list (unless a dialog on top, such as the QR, takes it first). */
function useEscapeBack() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('[role="dialog"], [role="alertdialog"]'))
        return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) return;
      e.preventDefault();
      window.location.hash = '#/';
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function ProjectDetail({ client, project, phones, onShowQr, onState }: Props) {
  const now = useNow(60_000);
  useEscapeBack();
  if (!project) {
    return (
      <section className="detail">
        <a className="back" href="#/">
          ← All projects
        </a>
        <p className="empty">This project is not in the list any more. It may have been removed from the account.</p>
      </section>
    );
  }
  const billing = billingView(project, now);
  const projectBilling = projectBillingText(project);
  const keywords = [project.unbrandedKeyword, project.brandedKeyword].filter((k): k is string => Boolean(k));
  return (
    <section className="detail" aria-labelledby="detail-title">
      <a className="back" href="#/">
        ← All projects
      </a>
      <header className="detail-header">
        <div>
          <h1 id="detail-title" className="screen-title">
            {project.name || `Project ${project.id}`}
          </h1>
          <p className="muted">
            {project.companyName ? (
              <>
                <span>{project.companyName}</span> ·{' '}
              </>
            ) : null}
            {serviceLabel(project)} · Project {project.id}
            {project.source === 'manual' ? (
              <>
                {' '}
                · <span className="tag tag-manual">added by hand</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="detail-header-actions">
          <StatusBadge status={project.status} text={project.statusText} />
          {project.source === 'manual' ? <ManualActions client={client} project={project} onState={onState} /> : null}
          {project.service === 'phone-automation' && project.status !== 'deleted' ? (
            <button type="button" className="button primary" onClick={() => onShowQr(project)}>
              Show QR
            </button>
          ) : null}
        </div>
      </header>

      {project.notes ? (
        <section className="detail-notes" aria-label="Notes">
          <p className="notes">{project.notes}</p>
        </section>
      ) : null}

      {project.status === 'expired' ? <RenewBanner client={client} expired={billing} /> : null}

      <div className="card">
        <h2 className="card-title">Pairing</h2>
        <dl className="fields">
          <Field
            label="Number"
            action={project.number ? <CopyButton value={project.number} label="number" /> : undefined}
          >
            {project.number || none}
          </Field>
          <Field
            label="License key"
            action={project.licenseKey ? <CopyButton value={project.licenseKey} label="license key" /> : undefined}
          >
            {project.licenseKeyProblem ? (
              <span className="field-error">{project.licenseKeyProblem}</span>
            ) : project.licenseKey ? (
              <code>{project.licenseKey}</code>
            ) : (
              <span className="muted">
                None —{' '}
                {project.service === 'whatsapp-official'
                  ? 'WhatsApp Official projects have no license key'
                  : 'not sent by Picky Assist'}
              </span>
            )}
          </Field>
          <Field
            label="Unbranded keyword"
            action={
              project.unbrandedKeyword ? (
                <CopyButton value={project.unbrandedKeyword} label="unbranded keyword" />
              ) : undefined
            }
          >
            {project.unbrandedKeyword || none}
          </Field>
          <Field
            label="Branded keyword"
            action={
              project.brandedKeyword ? <CopyButton value={project.brandedKeyword} label="branded keyword" /> : undefined
            }
          >
            {project.brandedKeyword || none}
          </Field>
          {keywords.length > 1 ? (
            <Field label="All keywords" action={<CopyButton value={keywords.join('\n')} label="keywords" />}>
              {keywords.join(', ')}
            </Field>
          ) : null}
        </dl>
      </div>

      {isPhoneProject(project) ? (
        <PhoneSection client={client} project={project} phone={phoneOf(phones, project.id)} now={now} />
      ) : null}

      <div className="card">
        <h2 className="card-title">Billing</h2>
        <dl className="fields">
          <Field label="Plan">{project.billingPlan || project.source === 'manual' ? planLabel(project) : none}</Field>
          <Field
            label={billing !== undefined && 'daysLeft' in billing && billing.daysLeft < 0 ? 'Billing' : 'Next billing'}
          >
            {billing === undefined ? (
              project.source === 'manual' ? (
                noBillingLabel(project)
              ) : (
                none
              )
            ) : 'unreadable' in billing ? (
              billing.unreadable
            ) : (
              <>
                {billing.text}
                <span className="muted"> ({billing.relative})</span>
                {projectBilling ? (
                  <span className="muted block" data-testid="project-billing">
                    {projectBilling}
                  </span>
                ) : null}
              </>
            )}
          </Field>
          <Field label="Amount debited">{project.amountDebited || none}</Field>
        </dl>
      </div>

      <div className="card">
        <h2 className="card-title">Webhooks</h2>
        <dl className="fields">
          <Webhook client={client} label="Global webhook" url={project.webhooks.global} />
          <Webhook client={client} label="Event webhook" url={project.webhooks.event} />
          <Webhook client={client} label="Smart reply webhook" url={project.webhooks.smartReply} />
        </dl>
      </div>

      <div className="card">
        <h2 className="card-title">API tokens</h2>
        {project.apiTokens.length === 0 ? (
          <p className="muted">This project has no API tokens.</p>
        ) : (
          <ul className="tokens">
            {project.apiTokens.map((t, i) => (
              <TokenRow key={i} client={client} projectId={project.id} token={t} index={i} />
            ))}
          </ul>
        )}
      </div>

      <details className="card more">
        <summary className="card-title">More</summary>
        <dl className="fields">
          <Field label="Country">{project.country || none}</Field>
          <Field label="Time zone">{project.timeZone || none}</Field>
          <Field label="Date format">{project.dateFormat || none}</Field>
        </dl>
      </details>
    </section>
  );
}
