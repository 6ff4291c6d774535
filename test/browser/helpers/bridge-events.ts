// Listens to the preview bridge's event stream as the page does (it gets the same frames), until stopped: how the
// security specs see what the main side streamed to the renderer.
import { request as httpRequest } from 'node:http';
import type { PreviewHandle } from '../../../app/preview/preview-server';

export interface EventRecording {
  /** Every frame received so far, as text. */
  frames(): string;
  stop(): void;
}

export function recordBridgeEvents(preview: PreviewHandle): EventRecording {
  let text = '';
  const req = httpRequest(
    {
      host: '127.0.0.1',
      port: preview.port,
      path: '/__bridge/events',
      agent: false,
      headers: { 'x-picky-preview-secret': preview.secret, origin: preview.origin, host: `127.0.0.1:${preview.port}` },
    },
    (res) => res.on('data', (c: Buffer) => (text += c.toString('utf8'))),
  );
  // stop() destroys the request, which errors it; the frames already read are what the test checks.
  req.on('error', () => undefined);
  req.end();
  return { frames: () => text, stop: () => req.destroy() };
}
