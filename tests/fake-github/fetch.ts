// A WHATWG-fetch-compatible function, built on node:https, that sends every request to the fake
// (127.0.0.1:port) while keeping the URL's host in the Host header and in TLS SNI, and verifies the
// fake's certificate. Hand it to Octokit: `new Octokit({ request: { fetch } })`.
import { Agent, request as httpsRequest } from 'node:https';

export interface FakeFetchTarget {
  port: number;
  /** PEM of the fake's self-signed certificate (trusted as the only CA). */
  cert: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headersToRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

async function bodyToBuffer(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  // ReadableStream and anything else: let Response do the work.
  return Buffer.from(await new Response(body as BodyInit).arrayBuffer());
}

export interface FakeFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Close the keep-alive connections (done by fake.close()). */
  destroy(): void;
}

export function createFakeFetch(target: FakeFetchTarget): FakeFetch {
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: target.cert });

  function once(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    signal: AbortSignal | null | undefined,
  ): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
        return;
      }
      const req = httpsRequest({
        agent,
        host: '127.0.0.1',
        port: target.port,
        servername: url.hostname,
        method,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...headers,
          host: url.host,
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
      });
      const onAbort = () => {
        req.destroy();
        reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new TypeError('fetch failed', { cause: err }));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) h.append(k, x);
            else if (v !== undefined) h.set(k, v);
          }
          const status = res.statusCode ?? 0;
          const noBody = status === 204 || status === 304 || method === 'HEAD';
          const response = new Response(noBody ? null : Buffer.concat(chunks), {
            status,
            statusText: res.statusMessage ?? '',
            headers: h,
          });
          Object.defineProperty(response, 'url', { value: url.href });
          resolve(response);
        });
      });
      if (body) req.write(body);
      req.end();
    });
  }

  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const isRequest = typeof Request !== 'undefined' && input instanceof Request;
    let url = new URL(isRequest ? input.url : String(input));
    let method = (init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
    const headers = headersToRecord(init?.headers ?? (isRequest ? input.headers : undefined));
    let body = await bodyToBuffer(
      init?.body ?? (isRequest && input.body ? await input.arrayBuffer() : undefined),
    );
    const signal = init?.signal ?? (isRequest ? input.signal : undefined);
    const redirect = init?.redirect ?? 'follow';
    for (let hops = 0; ; hops++) {
      const res = await once(url, method, headers, body, signal);
      const location = res.headers.get('location');
      if (redirect === 'manual' || !REDIRECTS.has(res.status) || !location) return res;
      if (redirect === 'error') throw new TypeError('fetch failed: redirect');
      if (hops >= 20) throw new TypeError('fetch failed: too many redirects');
      url = new URL(location, url);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  };
  return Object.assign(fakeFetch, { destroy: () => agent.destroy() });
}
