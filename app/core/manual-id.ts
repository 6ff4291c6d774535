// Ids of projects added by hand. Pure: the renderer, the tray and the CLI use it too.
//
// One scheme for every surface: a hand-added project's id is MANUAL_ID_BASE + its entry number (1, 2, 3… per API
// origin, never reused), a plain whole number like a fetched project's id. So `#/project/<id>`, `#/qr/<id>`, the
// tray's `project:<id>:qr` and `picky-tray project <id>` work unchanged, and it never meets a real Picky Assist
// project id (those are small numbers; this range starts at 10^15).

export const MANUAL_ID_BASE = 1_000_000_000_000_000;
/** Entry numbers stay far below the safe-integer limit. */
export const MAX_MANUAL_NUMBER = 1_000_000_000;

export function manualProjectId(entryNumber: number): number {
  return MANUAL_ID_BASE + entryNumber;
}

/** The entry number behind a hand-added project's id, or undefined for any other id. */
export function manualNumberOf(id: number): number | undefined {
  const n = id - MANUAL_ID_BASE;
  return Number.isSafeInteger(id) && n >= 1 && n <= MAX_MANUAL_NUMBER ? n : undefined;
}

export function isManualId(id: number): boolean {
  return manualNumberOf(id) !== undefined;
}
