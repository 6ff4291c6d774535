// Looks for a secret in bytes, in every form it could plausibly take when it leaks: as is, in UTF-16, in hex
// (both cases), and in base64 / base64url at each of the three byte alignments it can have inside a longer
// encoded text (only the part of the encoding that does not depend on the neighbouring bytes is searched).
import { readdir, readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';

export interface TokenForm {
  name: string;
  bytes: Buffer;
}

function stableBase64(secret: Buffer, shift: number, url: boolean): string {
  const padded = Buffer.concat([Buffer.alloc(shift, 0x20), secret, Buffer.alloc(3, 0x20)]);
  const text = padded.toString(url ? 'base64url' : 'base64');
  // The first group holds prefix bytes when shifted; the last groups hold suffix bytes.
  const start = shift === 0 ? 0 : 4;
  const end = Math.floor((shift + secret.length) / 3) * 4;
  return text.slice(start, end);
}

export function tokenForms(token: string): TokenForm[] {
  const raw = Buffer.from(token, 'utf8');
  const forms: TokenForm[] = [
    { name: 'as is', bytes: raw },
    { name: 'UTF-16', bytes: Buffer.from(token, 'utf16le') },
    { name: 'hex', bytes: Buffer.from(raw.toString('hex')) },
    { name: 'HEX', bytes: Buffer.from(raw.toString('hex').toUpperCase()) },
  ];
  for (const url of [false, true]) {
    for (let shift = 0; shift < 3; shift++) {
      forms.push({
        name: `${url ? 'base64url' : 'base64'} (offset ${shift})`,
        bytes: Buffer.from(stableBase64(raw, shift, url)),
      });
    }
  }
  // Forms that are the same text (a hex token's hex is not its base64...) are searched once.
  return forms.filter((f, i) => forms.findIndex((g) => g.bytes.equals(f.bytes)) === i && f.bytes.length >= 16);
}

/** Names of the forms of `token` found in `haystack`. */
export function findToken(haystack: Buffer | string, token: string): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return tokenForms(token)
    .filter((f) => bytes.includes(f.bytes))
    .map((f) => f.name);
}

/** Every regular file under `dir` (recursively; symbolic links are not followed). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const info = await lstat(path);
    if (info.isDirectory()) out.push(...(await listFiles(path)));
    else if (info.isFile()) out.push(path);
  }
  return out;
}

/** `path: form` for every file under `dir` that contains the token in some form. */
export async function scanDirForToken(dir: string, token: string): Promise<string[]> {
  const hits: string[] = [];
  for (const path of await listFiles(dir)) {
    for (const form of findToken(await readFile(path), token)) hits.push(`${path}: ${form}`);
  }
  return hits;
}
