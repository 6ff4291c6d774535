// Sizing for the pairing QR: whole-pixel modules (crisp), a quiet zone of 4 modules, and as large as
// the window allows (aiming at ~86% of its shorter side) while leaving room for the caption beneath and
// never running under the Close button.

export const QUIET_ZONE_MODULES = 4;
/** Height kept free under the code for the project name and license key. */
export const QR_CAPTION_PX = 72;
/** The Close button's corner (top right), with its margins. */
export const QR_CLOSE_BOX = { width: 112, height: 64 } as const;

export interface QrLayout {
  /** CSS pixels per module (an integer). */
  moduleSize: number;
  /** Side of the drawn square in CSS pixels, quiet zone included. */
  side: number;
  /** True when the code would reach the Close button's corner: the page keeps a band free above it. */
  reserveTop: boolean;
}

export function qrLayout(matrixSize: number, space: { width: number; height: number }): QrLayout {
  const total = matrixSize + 2 * QUIET_ZONE_MODULES;
  const fit = (limit: number) => Math.max(1, Math.floor(limit / total));
  const shorter = Math.min(space.width, space.height);
  let moduleSize = fit(shorter * 0.86);
  if (moduleSize * total < shorter * 0.8 && (moduleSize + 1) * total <= shorter * 0.95) moduleSize += 1;
  // In a wide window the code sits between empty margins and the button fits beside it; in a squarish one
  // the code would run under the button, so keep a band free above.
  const reserveTop = (space.width - moduleSize * total) / 2 < QR_CLOSE_BOX.width;
  const maxHeight = space.height - QR_CAPTION_PX - (reserveTop ? QR_CLOSE_BOX.height : 0);
  moduleSize = Math.min(moduleSize, fit(maxHeight), fit(space.width));
  return { moduleSize, side: moduleSize * total, reserveTop };
}
