// Decisions taken once at start-up. Pure, unit-tested.
import { HIDDEN_FLAG } from './autostart-entry';

/** Started at login → stay in the tray; started by the user → show the window. */
export function shouldStartHidden(input: { argv: readonly string[]; wasOpenedAtLogin?: boolean }): boolean {
  return input.argv.includes(HIDDEN_FLAG) || input.wasOpenedAtLogin === true;
}
