// A JSON array body parsed one element at a time. A page of 100 grants is a 300-600 kB body:
// as one string (what response.text() makes) it is allocated straight into V8's old generation
// and only freed by a full collection, so 500 pages of them were most of the command line's
// peak memory. Split on the bytes instead (UTF-8 never puts a byte below 0x80 inside a
// multi-byte character, so `[ ] { } , "` and `\` are always themselves), each element is a
// small string that dies young.

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** The elements of `bytes`, a JSON array; throws a SyntaxError when it is not one. */
export function parseJsonArray(bytes: Uint8Array): unknown[] {
  const decoder = new TextDecoder();
  let i = 0;
  while (i < bytes.length && isSpace(bytes[i] as number)) i++;
  if (bytes[i] !== OPEN_ARRAY) {
    // Parsed whole (a byte-order mark, say): an array still reads, anything else is refused.
    const whole: unknown = JSON.parse(decoder.decode(bytes));
    if (Array.isArray(whole)) return whole;
    throw new TypeError('GitHub answered a list request with something other than a list');
  }
  const out: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = i + 1;
  let closed = false;
  for (; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) depth++;
    else if (b === CLOSE_OBJECT) depth--;
    else if (b === COMMA && depth === 1) {
      out.push(JSON.parse(decoder.decode(bytes.subarray(start, i))));
      start = i + 1;
    } else if (b === CLOSE_ARRAY && --depth === 0) {
      const last = decoder.decode(bytes.subarray(start, i));
      // `[]` holds one empty slot, which is no element; an empty one after a comma is an error.
      if (out.length > 0 || last.trim() !== '') out.push(JSON.parse(last));
      closed = true;
      break;
    }
  }
  const rest = decoder.decode(bytes.subarray(i + 1)).trim();
  if (!closed || rest !== '') throw new SyntaxError('The JSON array from GitHub is incomplete');
  return out;
}

/** A response body (Octokit's `data` with `parseSuccessResponseBody: false`) as an array. */
export async function readJsonArray(body: unknown): Promise<unknown[]> {
  if (body === null || body === undefined) return [];
  if (body instanceof ReadableStream) return parseJsonArray(await bytesOf(body));
  // Already parsed (a test double or an older client): taken as it is.
  if (Array.isArray(body)) return body;
  throw new TypeError('GitHub answered a list request with something other than a list');
}
