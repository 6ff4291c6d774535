import { describe, expect, it } from 'vitest';
import { createSecretClipboard, SECRET_CLIPBOARD_MS, type ClipboardTimers } from '../../app/main/secret-clipboard';

function setup() {
  const clipboard = {
    text: 'what the user had',
    readText() {
      return this.text;
    },
    writeText(t: string) {
      this.text = t;
    },
    clear() {
      this.text = '';
    },
  };
  // A hand-driven clock: run() fires what is due, in order.
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: ClipboardTimers = {
    setTimeout(run, ms) {
      const id = next++;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      due.delete(id);
      t.run();
    }
  };
  return { clipboard, timers, advance, pending: () => due.size };
}

describe('a copied API token leaves the clipboard after 90 s', () => {
  it('is there until 90 s have passed, then gone', () => {
    const t = setup();
    createSecretClipboard(t.clipboard, t.timers).write('secret-token-1234');
    expect(t.clipboard.text).toBe('secret-token-1234');
    t.advance(SECRET_CLIPBOARD_MS - 1);
    expect(t.clipboard.text).toBe('secret-token-1234');
    t.advance(1);
    expect(t.clipboard.text).toBe('');
    expect(SECRET_CLIPBOARD_MS).toBe(90_000);
  });

  it('leaves alone what the user copied since', () => {
    const t = setup();
    createSecretClipboard(t.clipboard, t.timers).write('secret-token-1234');
    t.clipboard.writeText('a note the user copied');
    t.advance(SECRET_CLIPBOARD_MS);
    expect(t.clipboard.text).toBe('a note the user copied');
  });

  it('a second copy restarts the wait and is the one cleared', () => {
    const t = setup();
    const secrets = createSecretClipboard(t.clipboard, t.timers);
    secrets.write('first-token-aaaa');
    t.advance(60_000);
    secrets.write('second-token-bbbb');
    expect(t.pending()).toBe(1);
    t.advance(60_000);
    expect(t.clipboard.text).toBe('second-token-bbbb');
    t.advance(30_000);
    expect(t.clipboard.text).toBe('');
  });
});

describe('quitting clears it at once (no timer runs after quit)', () => {
  it('clears a token still on the clipboard, and cancels its timer', () => {
    const t = setup();
    const secret = createSecretClipboard(t.clipboard, t.timers);
    secret.write('secret-token-1234');
    secret.clearNow();
    expect(t.clipboard.text).toBe('');
    expect(t.pending()).toBe(0);
  });

  it('leaves alone what the user copied since, and does nothing when nothing was copied', () => {
    const t = setup();
    const secret = createSecretClipboard(t.clipboard, t.timers);
    secret.clearNow();
    expect(t.clipboard.text).toBe('what the user had');
    secret.write('secret-token-1234');
    t.clipboard.writeText('a note the user copied');
    secret.clearNow();
    expect(t.clipboard.text).toBe('a note the user copied');
  });
});
