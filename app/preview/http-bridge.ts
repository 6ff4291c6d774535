// The preview's stand-in for Electron's preload: implements RawBridge over HTTP against the preview server.
// Served as /preview-bridge.js by the preview only (compiled at preview start); never part of the app bundle.
// The per-run secret arrives in the URL fragment (#secret=…), moves to sessionStorage, and leaves the address bar.
import { startEarlyReads } from '../shared/early-reads';
import type { EventName, InvokeName, RawBridge } from '../shared/ipc-contract';

const STORAGE_KEY = 'picky-preview-secret';
const SECRET_HEADER = 'x-picky-preview-secret';

function takeSecret(): string {
  const match = /(?:^#|&)secret=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(STORAGE_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

const secret = takeSecret();

const NOT_AUTHORISED = {
  ok: false,
  error: {
    code: 'internal',
    message: 'This preview page is not authorised. Open the address the preview printed (it ends with #secret=…).',
  },
};

async function send(name: InvokeName, input?: unknown): Promise<unknown> {
  const response = await fetch('/__bridge/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
    body: JSON.stringify({ name, input: input === undefined ? null : input }),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (response.status === 403) return NOT_AUTHORISED;
  if (!response.ok) throw new Error(`preview bridge answered ${response.status}`);
  return (await response.json()) as unknown;
}

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let streaming = false;

function dispatch(block: string): void {
  let event = '';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!event || data.length === 0) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data.join('\n')) as unknown;
  } catch {
    // A broken frame (the stream cut mid-event): dropped; the next state event carries the whole state again.
    return;
  }
  for (const listener of listeners.get(event as EventName) ?? []) listener(payload);
}

// Server-Sent Events read with fetch (not EventSource) so the secret can travel in a header.
async function stream(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/__bridge/events', {
        headers: { [SECRET_HEADER]: secret },
        cache: 'no-store',
        credentials: 'omit',
      });
      if (response.status === 403 || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // The preview server went away or restarted: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function on(name: EventName, listener: Listener): () => void {
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
  }
  set.add(listener);
  if (!streaming) {
    streaming = true;
    void stream();
  }
  return () => {
    set.delete(listener);
  };
}

// As Electron's preload does: the page's first reads start now, while its bundle loads, and a state change
// before the page takes them makes the page read afresh.
const early = startEarlyReads((name) => send(name));
on('stateChanged', () => early.forget());

const bridge: RawBridge = {
  invoke: (name, input) => early.take(name, input) ?? send(name, input),
  on,
};

Object.defineProperty(window, 'pickyBridge', { value: Object.freeze(bridge), writable: false, configurable: false });
