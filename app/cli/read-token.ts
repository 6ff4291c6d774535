// Reads the token for `token set`: all of stdin when it is piped, or a hidden prompt on a terminal.
// The typed characters are never echoed; nothing here logs or returns anything but the token itself.
import { PickyError } from '../core/errors';

const MAX_TOKEN_BYTES = 4096;

export class PromptInterrupted extends Error {
  override readonly name = 'PromptInterrupted';
}

/** The first line of piped input with anything on it, as it is: parseMasterToken trims it. */
export function tokenFromPiped(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

export async function readPipedToken(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_TOKEN_BYTES) {
      throw new PickyError('bad-input', 'The input is far longer than a Master API token. Pipe in only the token.');
    }
    chunks.push(buf);
  }
  return tokenFromPiped(Buffer.concat(chunks).toString('utf8'));
}

export interface PromptState {
  value: string;
  done: boolean;
  interrupted: boolean;
}

/** One step of the hidden prompt, pure: Enter finishes, Backspace deletes, Ctrl-U clears, Ctrl-C / Ctrl-D abort. */
export function promptStep(state: PromptState, input: string): PromptState {
  let { value } = state;
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') return { value, done: true, interrupted: false };
    if (ch === '\u0003') return { value: '', done: true, interrupted: true };
    if (ch === '\u0004')
      return value === '' ? { value: '', done: true, interrupted: true } : { value, done: true, interrupted: false };
    if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
    else if (ch === '\u0015') value = '';
    else if (ch >= ' ' && value.length < MAX_TOKEN_BYTES) value += ch;
    // Other control characters (arrow keys' escape sequences...) are ignored.
  }
  return { value, done: false, interrupted: false };
}

export function readHiddenToken(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let state: PromptState = { value: '', done: false, interrupted: false };
    stderr.write(prompt);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string | Buffer): void => {
      state = promptStep(state, chunk.toString());
      if (!state.done) return;
      finish();
      if (state.interrupted) reject(new PromptInterrupted());
      else resolve(state.value);
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The first `count` lines of piped input (missing ones empty): a hand-added project's license key and token. */
export function linesFromPiped(text: string, count: number): string[] {
  const lines = text.split(/\r?\n/);
  return Array.from({ length: count }, (_, i) => lines[i] ?? '');
}

export async function readPipedLines(stdin: NodeJS.ReadableStream, count: number): Promise<string[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_TOKEN_BYTES) {
      throw new PickyError(
        'bad-input',
        'The input is far longer than a license key and a token. Pipe in only those two lines.',
      );
    }
    chunks.push(buf);
  }
  return linesFromPiped(Buffer.concat(chunks).toString('utf8'), count);
}
