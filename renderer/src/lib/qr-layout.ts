// Sizing for the pairing QR screen: the code (with its 4-module quiet zone) and, beside it in wide windows or
// below it in narrow ones, the text for the person holding the phone: the project name, three numbered steps and
// "Can't scan? Enter this key". The arrangement that leaves the larger code wins.
//
// The code is as large as the window allows once the text has its room, aiming at 86% of the shorter side.
// Before the steps existed the rule was "at least 80% of the shorter side in every window"; the steps need room,
// so the rule is now: at least 80% of the shorter side in ordinary desktop windows (from 980×700, and tall narrow
// ones), and in every window from the app's minimum (480×420) up, at least QR_MIN_SIDE CSS pixels and at least
// 5 CSS pixels per module for codes of up to 33 modules (license keys are far shorter) — still an easy scan.

export const QUIET_ZONE_MODULES = 4;
/** Never smaller than this (CSS pixels, quiet zone included) in any window from the app's minimum up. */
export const QR_MIN_SIDE = 180;
/** The text column beside the code: at least this wide, at most QR_PANEL_MAX_PX. */
export const QR_PANEL_MIN_PX = 280;
export const QR_PANEL_MAX_PX = 440;
/** Below this height or width, the text is set tighter (the name stays at 24 px or more). */
export const QR_COMPACT_BELOW_PX = 560;

interface Room {
  /** Outer margin of the screen. */
  margin: number;
  /** Kept free under the code for one line of pairing status (the phone's connection, shown by another view). */
  status: number;
  /** Height the text needs below the code (name row with Close, three steps, the key) in narrow windows. */
  belowText: number;
}
export const QR_ROOM: Readonly<Record<'regular' | 'compact', Room>> = {
  regular: { margin: 16, status: 28, belowText: 196 },
  compact: { margin: 10, status: 22, belowText: 168 },
};

export interface QrLayout {
  /** Side of the drawn square in CSS pixels, quiet zone included. */
  side: number;
  /** Where the text goes: beside the code (wide windows) or below it. */
  arrangement: 'beside' | 'below';
  /** Width of the text column when beside; the text's maximum width when below. */
  panelWidth: number;
  /** Tighter text for small windows. */
  compact: boolean;
}

export function qrLayout(matrixSize: number, space: { width: number; height: number }): QrLayout {
  const total = matrixSize + 2 * QUIET_ZONE_MODULES;
  const shorter = Math.min(space.width, space.height);
  const aim = shorter * 0.86;
  const compact = space.height < QR_COMPACT_BELOW_PX || space.width < QR_COMPACT_BELOW_PX;
  const { margin: m, status, belowText } = QR_ROOM[compact ? 'compact' : 'regular'];

  const panelBeside = Math.round(Math.min(QR_PANEL_MAX_PX, Math.max(QR_PANEL_MIN_PX, space.width * 0.34)));
  const besideSide = Math.min(aim, space.height - 2 * m - status, space.width - panelBeside - 4 * m);
  const belowSide = Math.min(aim, space.width - 2 * m, space.height - 2 * m - status - belowText);

  const beside = besideSide > belowSide;
  // At least one CSS pixel per module, whatever the window.
  const side = Math.max(total, Math.floor(beside ? besideSide : belowSide));
  return beside
    ? { side, arrangement: 'beside', panelWidth: panelBeside, compact }
    : { side, arrangement: 'below', panelWidth: Math.min(640, Math.max(0, space.width - 2 * m)), compact };
}

/** Whole device pixels per module for drawing: the canvas is then scaled to `side` with nearest-neighbour
 *  sampling, so edges stay sharp and modules differ by at most one device pixel. */
export function devicePixelsPerModule(side: number, matrixSize: number, devicePixelRatio: number): number {
  return Math.max(1, Math.ceil((side * devicePixelRatio) / (matrixSize + 2 * QUIET_ZONE_MODULES)));
}
