// Sizing for the pairing QR: whole-pixel modules (crisp), a quiet zone of 4 modules, and as large as
// the window allows while leaving room for the caption beneath.

export const QUIET_ZONE_MODULES = 4;

export interface QrLayout {
  /** CSS pixels per module (an integer). */
  moduleSize: number;
  /** Side of the drawn square in CSS pixels, quiet zone included. */
  side: number;
}

/**
 * `matrixSize` is the QR's own module count per side; `shorter` the window's shorter side in CSS px.
 * Aims at ~86% of the shorter side and never below 80% when a whole-pixel module size allows it.
 */
export function qrLayout(matrixSize: number, shorter: number): QrLayout {
  const total = matrixSize + 2 * QUIET_ZONE_MODULES;
  let moduleSize = Math.max(1, Math.floor((shorter * 0.86) / total));
  if (moduleSize * total < shorter * 0.8 && (moduleSize + 1) * total <= shorter * 0.95) moduleSize += 1;
  return { moduleSize, side: moduleSize * total };
}
