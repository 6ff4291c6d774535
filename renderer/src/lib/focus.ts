/** The element that has focus now, to give it back later (a dialog returns focus to where it was opened from). */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}
