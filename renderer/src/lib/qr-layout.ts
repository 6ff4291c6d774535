// Sizing for the pairing QR: a 4-module quiet zone, and as large as the window allows (aiming at 86% of its
// shorter side, never under 80% in any window of the app's minimum size or larger) while leaving the caption
// room beneath. The Close button takes the top-right corner when the code leaves it free, else the bottom-right
// corner beside the caption, so it never costs the code any height.

export const QUIET_ZONE_MODULES = 4;
/** Height kept free under the code for the project name and license key. */
export const QR_CAPTION_PX = 64;
/** The Close button's corner, with its margins. */
export const QR_CLOSE_BOX = { width: 112, height: 64 } as const;

export interface QrLayout {
  /** Side of the drawn square in CSS pixels, quiet zone included. */
  side: number;
  /** Where the Close button sits: the top-right corner when the code leaves it free, else beside the caption. */
  closeAt: 'top' | 'bottom';
}

export function qrLayout(matrixSize: number, space: { width: number; height: number }): QrLayout {
  const total = matrixSize + 2 * QUIET_ZONE_MODULES;
  const shorter = Math.min(space.width, space.height);
  // At least one CSS pixel per module, whatever the window.
  const side = Math.max(total, Math.floor(Math.min(shorter * 0.86, space.width, space.height - QR_CAPTION_PX)));
  const closeAt = (space.width - side) / 2 >= QR_CLOSE_BOX.width ? 'top' : 'bottom';
  return { side, closeAt };
}

/** Whole device pixels per module for drawing: the canvas is then scaled to `side` with nearest-neighbour
 *  sampling, so edges stay sharp and modules differ by at most one device pixel. */
export function devicePixelsPerModule(side: number, matrixSize: number, devicePixelRatio: number): number {
  return Math.max(1, Math.ceil((side * devicePixelRatio) / (matrixSize + 2 * QUIET_ZONE_MODULES)));
}
