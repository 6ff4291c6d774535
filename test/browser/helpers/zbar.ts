import { execFileSync } from 'node:child_process';

/** Decodes the QR code in a PNG with zbarimg; returns its text. */
export function decodeQr(pngPath: string): string {
  return execFileSync('zbarimg', ['-q', '--raw', pngPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}
