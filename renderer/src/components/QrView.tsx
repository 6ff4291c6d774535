// The full-screen pairing QR, drawn here from the license key (never from the server's qr_code_base64):
// dark modules on pure white with a 4-module quiet zone in every theme, sharp edges, as large as the window
// allows once the text for the person holding the phone has its room (qr-layout.ts): the project name, three
// numbered steps and "Can't scan? Enter this key". Only Esc or Close leave — a click (on the code or anywhere)
// never does, so a bump of the trackpad while holding the phone loses nothing — until the phone is paired: then the
// line under the code says "Paired with …", and the screen closes by itself a few seconds later, or at a click.
// Focus stays inside while open.
// A project that is not active says so in a strip; a deleted one shows no code at all, and says why.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import QRCode from 'qrcode';
import { readableBilling } from '../../../app/core/dates';
import type { Project } from '../../../app/core/model';
import type { PhoneState } from '../../../app/core/phone-state';
import { type Pairing, usePairing } from '../state/use-pairing';
import { focusedElement } from '../lib/focus';
import { QR_ROOM, QUIET_ZONE_MODULES, devicePixelsPerModule, qrLayout } from '../lib/qr-layout';
import { CopyButton } from './CopyButton';

interface Props {
  project: Project | undefined;
  onClose: () => void;
  /** Where focus goes on close; by default, wherever it was when the view appeared. */
  returnFocusTo?: HTMLElement | null;
  /** The project's phone as last checked (phone projects only): drives the pairing confirmation. */
  phone?: PhoneState;
  /** Asks the phone's bridge app to restart (offered after 3 minutes without pairing). */
  onRestartBridge?: () => Promise<string>;
}

/** The one pairing-status line, in the slot kept for it under the code (never over it): a live region, so screen
 *  readers hear "Paired with …" when it comes. */
function PairingLine({ pairing }: { pairing: Pairing }) {
  return (
    <p className={`qr-pairing qr-pairing-${pairing.kind}`} role="status" aria-live="polite" data-pairing={pairing.kind}>
      {pairing.kind === 'paired' ? (
        <>
          <span aria-hidden="true">✓ </span>Paired with {pairing.number || 'the phone'}
        </>
      ) : pairing.kind === 'already' ? (
        `Already paired with ${pairing.number || 'a phone'}; scanning again pairs this phone instead`
      ) : (
        'Waiting for the phone to scan…'
      )}
    </p>
  );
}

/** After 3 minutes without pairing, in the text panel: what to check, and a restart of the bridge app. */
function SlowPairingHint({ onRestartBridge }: { onRestartBridge: () => Promise<string> }) {
  const [restartNote, setRestartNote] = useState<string>();
  const [restarting, setRestarting] = useState(false);
  return (
    <div className="qr-hint">
      <p>Still not paired? Check that the Picky Assist bridge app is open on the phone and that the phone is online.</p>
      <button
        type="button"
        className="button small"
        disabled={restarting}
        onClick={() => {
          setRestarting(true);
          void onRestartBridge()
            .then(setRestartNote)
            .finally(() => setRestarting(false));
        }}
      >
        {restarting ? 'Restarting…' : 'Restart bridge app'}
      </button>
      {restartNote ? <p role="status">{restartNote}</p> : null}
    </div>
  );
}

function windowSpace(): { width: number; height: number } {
  return { width: window.innerWidth, height: window.innerHeight };
}

function useWindowSpace(): { width: number; height: number } {
  const [space, setSpace] = useState(windowSpace);
  useEffect(() => {
    const onResize = () => setSpace(windowSpace());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return space;
}

type QrMatrix = ReturnType<typeof QRCode.create>;

function QrCanvas({ qr, side, name }: { qr: QrMatrix; side: number; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = qr.modules.size;
  // Drawn with whole device pixels per module, then shown at `side` CSS pixels with pixelated scaling (CSS).
  const devicePx = devicePixelsPerModule(side, size, window.devicePixelRatio || 1);
  const deviceSide = devicePx * (size + 2 * QUIET_ZONE_MODULES);

  useLayoutEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, deviceSide, deviceSide);
    ctx.fillStyle = '#000000';
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        if (qr.modules.get(row, col)) {
          ctx.fillRect(
            (col + QUIET_ZONE_MODULES) * devicePx,
            (row + QUIET_ZONE_MODULES) * devicePx,
            devicePx,
            devicePx,
          );
        }
      }
    }
  }, [qr, size, devicePx, deviceSide]);

  return (
    <canvas
      ref={canvas}
      className="qr-canvas"
      width={deviceSide}
      height={deviceSide}
      style={{ width: side, height: side }}
      role="img"
      aria-label={`Pairing QR code for ${name}`}
    />
  );
}

type Encoded = ReturnType<typeof QRCode.create>;

/** The key as a QR, or the sentence saying why it cannot be one (the encoder throws for what a QR cannot hold). */
export function encodeQr(
  key: string | undefined,
): { qr: Encoded; error?: undefined } | { qr?: undefined; error: string } | undefined {
  if (!key) return undefined;
  try {
    return { qr: QRCode.create(key, { errorCorrectionLevel: 'M' }) };
  } catch (e) {
    // The renderer has no logger of its own yet: the console is what Electron's and the preview's logs collect.
    console.error('The license key could not be encoded as a QR code', e);
    return {
      error:
        'This license key cannot be shown as a QR code: it is longer than a QR code can hold. Copy the key from the project’s details instead.',
    };
  }
}

export function QrView({ project, onClose, returnFocusTo, phone, onRestartBridge }: Props) {
  const pairing = usePairing(phone, onClose);
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const space = useWindowSpace();
  const licenseKey = project?.licenseKeyProblem ? undefined : project?.licenseKey;
  const encoded = useMemo(() => encodeQr(licenseKey), [licenseKey]);
  const qr = encoded?.qr;
  const layout = qr ? qrLayout(qr.modules.size, space) : undefined;

  useLayoutEffect(() => {
    const previous = returnFocusTo ?? focusedElement();
    closeButton.current?.focus();
    // After the commit that removes the dialog, when the page behind is no longer inert.
    return () => queueMicrotask(() => previous?.focus());
    // Once, at open: focus goes back to where it was when the overlay opened, not where a later prop points.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // On the document, not the dialog: a key pressed before focus has moved inside must still work.
  const latestClose = useRef(onClose);
  useLayoutEffect(() => {
    latestClose.current = onClose;
  }, [onClose]);
  // A layout effect, so the listener is there before the dialog is painted: an Esc pressed the moment it shows works.
  useLayoutEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        latestClose.current();
        return;
      }
      if (e.key !== 'Tab' || !dialog.current) return;
      const focusable = Array.from(
        dialog.current.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])'),
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (!dialog.current.contains(document.activeElement)) {
        e.preventDefault();
        first.focus();
      } else if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const closeButtonEl = (
    <button ref={closeButton} type="button" className="button qr-close" onClick={onClose}>
      Close
    </button>
  );
  const name = project ? project.name || `Project ${project.id}` : 'Pairing QR';

  if (!project || project.status === 'deleted' || !qr || !layout || !project.licenseKey) {
    return (
      <div ref={dialog} className="qr-overlay qr-message" role="dialog" aria-modal="true" aria-labelledby="qr-title">
        <div className="qr-note">
          <div className="qr-panel-head">
            <h1 id="qr-title" className="qr-name">
              {name}
            </h1>
            {closeButtonEl}
          </div>
          <p role="status">{noCodeReason(project, encoded?.error)}</p>
        </div>
      </div>
    );
  }

  const room = QR_ROOM[layout.compact ? 'compact' : 'regular'];
  const warning = inactiveWarning(project);
  return (
    <div
      ref={dialog}
      className={`qr-overlay qr-${layout.arrangement}${layout.compact ? ' qr-compact' : ''}`}
      style={{ padding: room.margin, gap: layout.arrangement === 'beside' ? 2 * room.margin : room.margin }}
      role="dialog"
      aria-modal="true"
      aria-labelledby="qr-title"
      // Once paired the screen is closing anyway: a click closes it at once (before that, a click never does).
      onClick={pairing.kind === 'paired' ? onClose : undefined}
    >
      <div className="qr-code-column">
        <QrCanvas qr={qr} side={layout.side} name={name} />
        {/* Room for one line of pairing status under the code (the phone's connection), kept even while empty
            so the code does not move when it appears. */}
        <div
          className="qr-status-slot"
          style={{
            height: room.status,
            lineHeight: `${room.status}px`,
            // As wide as the text below the code (or the code beside the text): one line, never over the code.
            width: layout.arrangement === 'below' ? Math.max(layout.side, layout.panelWidth) : layout.side,
          }}
        >
          {onRestartBridge ? <PairingLine pairing={pairing} /> : null}
        </div>
      </div>
      <div className="qr-panel" style={{ width: layout.panelWidth }}>
        <div className="qr-panel-head">
          <h1 id="qr-title" className="qr-name">
            {name}
          </h1>
          {closeButtonEl}
        </div>
        {warning ? (
          <p className="qr-warning" role="status">
            {warning}
          </p>
        ) : null}
        <ol className="qr-steps">
          <li>Open the Picky Assist app on the phone.</li>
          <li>Choose to scan a QR code.</li>
          <li>Point the phone’s camera at this code.</li>
        </ol>
        <div className="qr-manual">
          <p className="qr-manual-label">Can’t scan? Enter this key</p>
          <p className="qr-key-row">
            <span className="qr-key">
              <span className="visually-hidden">License key: </span>
              {project.licenseKey}
            </span>
            <CopyButton value={project.licenseKey} label="license key" />
          </p>
        </div>
        {onRestartBridge && pairing.slow && pairing.kind !== 'paired' ? (
          <SlowPairingHint onRestartBridge={onRestartBridge} />
        ) : null}
      </div>
    </div>
  );
}

/** Why there is no code to show. */
function noCodeReason(project: Project | undefined, encoderError: string | undefined): string {
  if (!project) return 'This project is not in the list. Refresh and try again.';
  if (project.status === 'deleted')
    return 'This project was deleted in Picky Assist: its license key no longer pairs a phone, so there is no QR to show.';
  if (project.licenseKeyProblem) return project.licenseKeyProblem;
  if (encoderError) return encoderError;
  if (project.service === 'whatsapp-official')
    return 'This is a WhatsApp Official Account project. It connects through Meta, not the phone app, so it has no license key and no pairing QR.';
  return 'Picky Assist sent no license key for this project, so there is no pairing QR to show.';
}

/** "Expired 18 Nov — this project sends nothing until it is renewed." for a project that is not active. */
function inactiveWarning(project: Project): string | undefined {
  if (project.status === 'active') return undefined;
  if (project.status === 'expired') {
    // The billing date that passed is when it expired, read by the one date rule (the detail and the list agree).
    const billing = readableBilling(project, Date.now());
    const day = billing?.wasDue ? ` ${billing.dayText}` : '';
    return `Expired${day} — this project sends nothing until it is renewed.`;
  }
  return `This project is ${project.statusText ?? 'not active'} — it may send nothing until it is active again.`;
}
