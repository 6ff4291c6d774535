// Draws a QR code in the terminal with half-block characters: one text row holds two module rows, so the code
// stays roughly square. A 4-module quiet zone surrounds it (scanners need it).
// With `color`, the colours are forced dark-on-light (black on white), so it scans on dark terminal themes too;
// without (pipes, NO_COLOR), dark modules are drawn as blocks in the terminal's own text colour.
import QRCode from 'qrcode';

export const QUIET_ZONE = 4;

/** The module matrix, quiet zone included: true = dark. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size + QUIET_ZONE * 2;
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      const row = r - QUIET_ZONE;
      const col = c - QUIET_ZONE;
      return row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) === 1;
    }),
  );
}

const BLACK_ON_WHITE = '\u001b[30;107m';
const RESET = '\u001b[0m';

export function renderQr(matrix: readonly (readonly boolean[])[], options: { color: boolean }): string {
  const lines: string[] = [];
  for (let r = 0; r < matrix.length; r += 2) {
    const top = matrix[r] ?? [];
    const bottom = matrix[r + 1];
    let line = '';
    for (let c = 0; c < top.length; c++) {
      const t = top[c] === true;
      const b = bottom?.[c] === true;
      line += t && b ? '█' : t ? '▀' : b ? '▄' : ' ';
    }
    lines.push(options.color ? `${BLACK_ON_WHITE}${line}${RESET}` : line);
  }
  return lines.join('\n');
}

export function terminalQr(text: string, options: { color: boolean }): string {
  return renderQr(qrMatrix(text), options);
}
