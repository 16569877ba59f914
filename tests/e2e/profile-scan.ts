// What an attacker with a copy of the browser profile (and PATrol's public source) can
// recover, using nothing but the profile's files: every file is read, LevelDB logs and
// tables are decoded (record framing, Snappy blocks), base64 and hex runs are decoded, and
// every 16- and 32-byte window of all of it is tried as an AES-GCM key against every sealed
// value found. Secrets are then searched for in the files and in whatever was decrypted.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Needle {
  label: string;
  /** Any of these appearing (as bytes, UTF-8 or UTF-16) means the secret is recovered. */
  forms: Buffer[];
}

export interface Finding {
  label: string;
  where: string;
}

export interface ScanReport {
  files: number;
  bytes: number;
  sealed: number;
  windowsTried: number;
  findings: Finding[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) walk(path, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < Math.min(buf.length, at + 5); i++) {
    const byte = buf[i] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, i + 1];
    shift += 7;
  }
  return [-1, at + 1];
}

/** Snappy's raw format (LevelDB blocks); throws on anything malformed. */
export function unsnappy(input: Buffer): Buffer {
  const [length, start] = varint(input, 0);
  if (length < 0 || length > 64 << 20) throw new Error('bad length');
  const out = Buffer.alloc(length);
  let o = 0;
  let i = start;
  while (i < input.length) {
    const tag = input[i++] as number;
    let len: number;
    let offset: number;
    if ((tag & 3) === 0) {
      len = (tag >> 2) + 1;
      if (len > 60) {
        const bytes = len - 60;
        len = input.readUIntLE(i, bytes) + 1;
        i += bytes;
      }
      input.copy(out, o, i, i + len);
      i += len;
      o += len;
      continue;
    }
    if ((tag & 3) === 1) {
      len = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (input[i++] as number);
    } else if ((tag & 3) === 2) {
      len = (tag >> 2) + 1;
      offset = input.readUInt16LE(i);
      i += 2;
    } else {
      len = (tag >> 2) + 1;
      offset = input.readUInt32LE(i);
      i += 4;
    }
    if (offset === 0 || offset > o || o + len > length) throw new Error('bad copy');
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset] as number;
  }
  if (o !== length) throw new Error('short');
  return out;
}

/** LevelDB's log: 32 KiB blocks of framed records; a record may span blocks. */
function levelDbLog(buf: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let block = 0; block < buf.length; block += 32_768) {
    let at = block;
    const end = Math.min(buf.length, block + 32_768);
    while (at + 7 <= end) {
      const length = buf.readUInt16LE(at + 4);
      const type = buf[at + 6];
      if (type === 0 && length === 0) break;
      const data = buf.subarray(at + 7, Math.min(end, at + 7 + length));
      if (type === 1) records.push(data);
      else if (type === 2) pending = [data];
      else if (type === 3) pending.push(data);
      else if (type === 4) records.push(Buffer.concat([...pending, data]));
      at += 7 + length;
    }
  }
  return records;
}

/** LevelDB's table: every block named by the index, Snappy-decompressed when marked so. */
function levelDbTable(buf: Buffer): Buffer[] {
  if (buf.length < 48 || buf.readUInt32LE(buf.length - 8) !== 0x8b80fb57) return [];
  const footer = buf.subarray(buf.length - 48);
  const [, afterMeta] = varint(footer, varint(footer, 0)[1]);
  const [indexOffset, next] = varint(footer, afterMeta);
  const [indexSize] = varint(footer, next);
  const block = (offset: number, size: number): Buffer => {
    const raw = buf.subarray(offset, offset + size);
    return buf[offset + size] === 1 ? unsnappy(raw) : raw;
  };
  const index = block(indexOffset, indexSize);
  const restarts = index.readUInt32LE(index.length - 4);
  const entriesEnd = index.length - 4 - 4 * restarts;
  const blocks: Buffer[] = [index];
  for (let at = 0; at < entriesEnd; ) {
    const [, a] = varint(index, at);
    const [unshared, b] = varint(index, a);
    const [valueLength, c] = varint(index, b);
    const value = index.subarray(c + unshared, c + unshared + valueLength);
    const [offset, d] = varint(value, 0);
    const [size] = varint(value, d);
    blocks.push(block(offset, size));
    at = c + unshared + valueLength;
  }
  return blocks;
}

/** Base64 (standard and URL-safe) and hex runs long enough to hold a 16-byte key. */
function textEncodings(buf: Buffer): Buffer[] {
  const text = buf.toString('latin1');
  const out: Buffer[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9+/_-]{22,}={0,2}/g)) out.push(Buffer.from(match[0], 'base64'));
  for (const match of text.matchAll(/(?:[0-9a-fA-F]{2}){16,}/g)) out.push(Buffer.from(match[0], 'hex'));
  return out;
}

/** Every readable form of a file: itself, its LevelDB records or blocks, decoded text runs. */
function decode(path: string, buf: Buffer): Buffer[] {
  const forms = [buf];
  try {
    if (path.endsWith('.log')) forms.push(...levelDbLog(buf));
    if (path.endsWith('.ldb') || path.endsWith('.sst')) forms.push(...levelDbTable(buf));
  } catch {
    // Not LevelDB after all: the raw bytes are still searched.
  }
  return [...forms, ...forms.flatMap(textEncodings)];
}

/** Drops exact duplicates (a log record is also inside the raw log, a value in many files). */
function distinct(forms: { where: string; buf: Buffer }[]): { where: string; buf: Buffer }[] {
  const seen = new Set<string>();
  return forms.filter(({ buf }) => {
    const digest = createHash('sha256').update(buf).digest('hex');
    if (seen.has(digest)) return false;
    seen.add(digest);
    return true;
  });
}

interface SealedValue {
  iv: Buffer;
  data: Buffer;
  where: string;
}

/**
 * PATrol seals `{ iv: Uint8Array(12), data: ArrayBuffer }` (public source). V8 serialises an
 * ArrayBuffer as 'B', a varint length and the bytes: find `"\x02iv` … 'B' 12 bytes, and
 * `"\x04data` … 'B' n bytes, in either order, close together.
 */
function sealedValues(buf: Buffer, where: string): SealedValue[] {
  const buffers = (name: string) => {
    const found: { at: number; bytes: Buffer }[] = [];
    const marker = Buffer.concat([Buffer.from([0x22, name.length]), Buffer.from(name, 'latin1')]);
    for (let at = buf.indexOf(marker); at >= 0; at = buf.indexOf(marker, at + 1)) {
      const tag = buf.indexOf(0x42, at + marker.length);
      if (tag < 0 || tag > at + marker.length + 8) continue;
      const [length, start] = varint(buf, tag + 1);
      if (length > 0 && start + length <= buf.length)
        found.push({ at, bytes: buf.subarray(start, start + length) });
    }
    return found;
  };
  const ivs = buffers('iv').filter((iv) => iv.bytes.length === 12);
  const out: SealedValue[] = [];
  for (const data of buffers('data').filter((d) => d.bytes.length > 16)) {
    for (const iv of ivs) {
      if (Math.abs(iv.at - data.at) < 4096) out.push({ iv: iv.bytes, data: data.bytes, where });
    }
  }
  return out;
}

/**
 * Start offsets of the windows worth trying: a random key has many distinct bytes, so windows
 * of zeros, text or padding are skipped. P(a uniformly random 32-byte key has fewer than 20
 * distinct bytes) < 1e-6; for 16 bytes and fewer than 11, < 1e-3.
 */
function* plausibleWindows(buf: Buffer, size: number): Generator<number> {
  const need = size === 32 ? 20 : 11;
  const counts = new Uint8Array(256);
  let distinctBytes = 0;
  for (let i = 0; i < buf.length; i++) {
    const entering = buf[i] as number;
    counts[entering] = (counts[entering] as number) + 1;
    if (counts[entering] === 1) distinctBytes++;
    if (i >= size) {
      const leaving = buf[i - size] as number;
      counts[leaving] = (counts[leaving] as number) - 1;
      if (counts[leaving] === 0) distinctBytes--;
    }
    if (i >= size - 1 && distinctBytes >= need) yield i - size + 1;
  }
}

/**
 * A cheap first test that never rejects the right key: PATrol seals JSON.stringify output,
 * whose first byte is '"' or '{'. AES-GCM encrypts that byte with E_K(IV || 0^31 || 2), so
 * one ECB call per key screens every sealed value; the GCM tag then decides.
 */
function counterBlocks(sealed: readonly SealedValue[]): Buffer {
  return Buffer.concat(sealed.map((value) => Buffer.concat([value.iv, Buffer.from([0, 0, 0, 2])])));
}

function screen(key: Buffer, blocks: Buffer, sealed: readonly SealedValue[]): SealedValue[] {
  const cipher = createCipheriv(key.length === 32 ? 'aes-256-ecb' : 'aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  const stream = cipher.update(blocks);
  return sealed.filter((value, i) => {
    const first = (stream[i * 16] as number) ^ (value.data[0] as number);
    return first === 0x22 || first === 0x7b;
  });
}

function tryKey(key: Buffer, sealed: SealedValue): Buffer | undefined {
  try {
    const decipher = createDecipheriv(key.length === 32 ? 'aes-256-gcm' : 'aes-128-gcm', key, sealed.iv);
    decipher.setAuthTag(sealed.data.subarray(sealed.data.length - 16));
    return Buffer.concat([
      decipher.update(sealed.data.subarray(0, sealed.data.length - 16)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

function search(buf: Buffer, needles: readonly Needle[], where: string, findings: Finding[]): void {
  for (const needle of needles) {
    if (needle.forms.some((form) => buf.includes(form))) findings.push({ label: needle.label, where });
  }
}

/** Text needles in the byte forms Chromium may store them in: Latin-1/UTF-8 and UTF-16. */
export function textNeedle(label: string, ...texts: string[]): Needle {
  return {
    label,
    forms: texts.flatMap((text) => [
      Buffer.from(text, 'latin1'),
      Buffer.from(text, 'utf16le'),
      Buffer.from(text, 'utf16le').swap16(),
    ]),
  };
}

export function scanProfile(dir: string, needles: readonly Needle[]): ScanReport {
  const findings: Finding[] = [];
  const decoded: { where: string; buf: Buffer }[] = [];
  let bytes = 0;
  const files = walk(dir);
  for (const path of files) {
    const raw = readFileSync(path);
    bytes += raw.length;
    for (const buf of decode(path, raw)) decoded.push({ where: path.slice(dir.length), buf });
  }
  for (const { where, buf } of decoded) search(buf, needles, where, findings);

  // One copy of each sealed value (the same entry sits in the log, a table, and residue).
  const unique = new Map<string, SealedValue>();
  for (const { where, buf } of decoded)
    for (const value of sealedValues(buf, where))
      unique.set(`${value.iv.toString('hex')}:${value.data.length}`, value);
  const sealed = [...unique.values()];
  const blocks = counterBlocks(sealed);
  let windowsTried = 0;
  if (sealed.length > 0) {
    for (const { where, buf } of distinct(decoded)) {
      for (const size of [32, 16]) {
        for (const at of plausibleWindows(buf, size)) {
          windowsTried++;
          const key = buf.subarray(at, at + size);
          for (const value of screen(key, blocks, sealed)) {
            const plain = tryKey(key, value);
            if (!plain) continue;
            findings.push({
              label: `AES-${size * 8} key that opens a sealed value`,
              where: `${where}@${at}`,
            });
            search(plain, needles, `decrypted ${value.where}`, findings);
          }
        }
      }
    }
  }
  return { files: files.length, bytes, sealed: sealed.length, windowsTried, findings };
}
