// Reads the CLI's terminal QR back into a matrix: proves that what is drawn is what was encoded.

export function parseRenderedQr(text: string): boolean[][] {
  const rows = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const out: boolean[][] = [];
  for (const row of rows) {
    const chars = [...row];
    out.push(chars.map((ch) => ch === '█' || ch === '▀'));
    out.push(chars.map((ch) => ch === '█' || ch === '▄'));
  }
  return out;
}
