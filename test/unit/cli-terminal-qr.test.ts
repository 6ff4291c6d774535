import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrMatrix, renderQr, terminalQr } from '../../app/cli/terminal-qr';
import { parseRenderedQr } from '../helpers/terminal-qr-reader';

describe('terminal QR', () => {
  const text = 'PA-LICENSE-7F3C-9A1E';

  it('draws exactly the modules qrcode encodes, inside a quiet zone', () => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const drawn = parseRenderedQr(renderQr(qrMatrix(text), { color: false }));
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        expect(drawn[r + QUIET_ZONE]?.[c + QUIET_ZONE]).toBe(modules.get(r, c) === 1);
      }
    }
    const n = modules.size + 2 * QUIET_ZONE;
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < QUIET_ZONE; q++) {
        expect(drawn[q]?.[i]).toBe(false);
        expect(drawn[i]?.[q]).toBe(false);
        expect(drawn[n - 1 - q]?.[i]).toBe(false);
        expect(drawn[i]?.[n - 1 - q]).toBe(false);
      }
    }
  });

  it('uses half blocks: two module rows per text line', () => {
    const matrix = qrMatrix(text);
    const lines = renderQr(matrix, { color: false }).split('\n');
    expect(lines).toHaveLength(Math.ceil(matrix.length / 2));
    expect([...(lines[0] ?? '')]).toHaveLength(matrix.length);
  });

  it('forces dark-on-light colours when asked, and only then', () => {
    const colored = terminalQr(text, { color: true });
    expect(colored.split('\n').every((l) => l.startsWith('\u001b[30;107m') && l.endsWith('\u001b[0m'))).toBe(true);
    expect(terminalQr(text, { color: false })).not.toContain('\u001b');
    expect(parseRenderedQr(colored)).toEqual(parseRenderedQr(terminalQr(text, { color: false })));
  });
});
