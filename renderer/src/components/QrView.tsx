// The full-screen pairing QR, drawn here from the license key (never from the server's qr_code_base64):
// dark modules on pure white with a 4-module quiet zone in every theme, sharp edges, as large as
// the window allows. Esc, a click or Close leaves; focus stays inside while it is open.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import QRCode from 'qrcode';
import type { Project } from '../../../app/core/model';
import { focusedElement } from '../lib/focus';
import { QUIET_ZONE_MODULES, devicePixelsPerModule, qrLayout } from '../lib/qr-layout';

interface Props {
  project: Project | undefined;
  onClose: () => void;
  /** Where focus goes on close; by default, wherever it was when the view appeared. */
  returnFocusTo?: HTMLElement | null;
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

export function QrView({ project, onClose, returnFocusTo }: Props) {
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

  const title = project ? `Pair ${project.name}` : 'Pairing QR';
  return (
    <div
      ref={dialog}
      className={`qr-overlay${layout?.closeAt === 'bottom' ? ' qr-close-bottom' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby="qr-title"
      onClick={onClose}
    >
      <button ref={closeButton} type="button" className="button qr-close" onClick={onClose}>
        Close
      </button>
      <h1 id="qr-title" className="visually-hidden">
        {title}
      </h1>
      {!project ? (
        <p className="qr-note">This project is not in the list. Refresh and try again.</p>
      ) : qr && layout && project.licenseKey ? (
        <>
          <QrCanvas qr={qr} side={layout.side} name={project.name} />
          <div className="qr-caption">
            <p className="qr-name">{project.name}</p>
            <p className="qr-key">
              <span className="visually-hidden">License key: </span>
              {project.licenseKey}
            </p>
          </div>
        </>
      ) : (
        <div className="qr-note">
          <p className="qr-name">{project.name}</p>
          <p role="status">
            {project.licenseKeyProblem
              ? project.licenseKeyProblem
              : encoded?.error
                ? encoded.error
                : project.service === 'whatsapp-official'
                  ? 'This is a WhatsApp Official Account project. It connects through Meta, not the phone app, so it has no license key and no pairing QR.'
                  : 'Picky Assist sent no license key for this project, so there is no pairing QR to show.'}
          </p>
        </div>
      )}
    </div>
  );
}
