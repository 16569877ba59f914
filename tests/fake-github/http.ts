// Small HTTP plumbing shared by the fake's handlers: request context, replies, a router, paging.
import type { IncomingHttpHeaders } from 'node:http';
import type { Bases } from './render.ts';

export interface Ctx {
  method: string;
  /** Host header as sent (may include a port). */
  host: string;
  /** 'rest' = api.github.com or HOST/api/v3; 'web' = github.com or HOST (web + OAuth). */
  site: 'rest' | 'web';
  /** Path without the GHES `/api/v3` prefix and without the query. */
  path: string;
  /** The original request target (path + query), as received. */
  target: string;
  /** The raw query string (without `?`). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  bases: Bases;
  now: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (serialized), unless `text` is set. `undefined` → no body. */
  body?: unknown;
  /** Raw text body (HTML, form-encoded). */
  text?: string;
  contentType?: string;
}

export const DOCS = 'https://docs.github.com/rest';

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** GitHub's Basic Error body: `{message, documentation_url, status}`. */
export function fail(
  status: number,
  message: string,
  documentationUrl = DOCS,
  headers?: Record<string, string>,
): Reply {
  return json(status, { message, documentation_url: documentationUrl, status: String(status) }, headers);
}

export const notFound = (doc = DOCS): Reply => fail(404, 'Not Found', doc);

/** 422 in the shape GitHub uses for request-schema violations. */
export function invalid(details: string[], doc = DOCS): Reply {
  return json(422, {
    message: `Invalid request.\n\n${details.join('\n')}`,
    documentation_url: doc,
    status: '422',
  });
}

/** 422 "Validation Failed" with an errors array. */
export function validationFailed(field: string, message: string, doc = DOCS): Reply {
  return json(422, {
    message: 'Validation Failed',
    errors: [{ resource: 'Search', field, code: 'invalid', message }],
    documentation_url: doc,
    status: '422',
  });
}

export type Handler<E> = (env: E, ctx: Ctx, params: Record<string, string>) => Reply | Promise<Reply>;

interface Route<E> {
  method: string;
  parts: string[];
  handler: Handler<E>;
}

/** Segment router: patterns like `/orgs/:org/personal-access-tokens/:pat_id`. */
export class Router<E> {
  private routes: Route<E>[] = [];

  on(method: string, pattern: string, handler: Handler<E>): this {
    this.routes.push({ method, parts: pattern.split('/').slice(1), handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler<E>; params: Record<string, string> } | null {
    const segs = path.split('/').slice(1);
    if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
    for (const r of this.routes) {
      if (r.method !== method || r.parts.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const p = r.parts[i] as string;
        const s = segs[i] as string;
        if (p.startsWith(':')) {
          try {
            params[p.slice(1)] = decodeURIComponent(s);
          } catch {
            ok = false;
          }
        } else ok = p.toLowerCase() === s.toLowerCase();
      }
      if (ok) return { handler: r.handler, params };
    }
    return null;
  }
}

/** Integer query parameter; non-numeric → default. */
export function intParam(q: URLSearchParams, name: string, def: number): number {
  const v = q.get(name);
  if (v === null || !/^\s*-?\d+\s*$/.test(v)) return def;
  return Number.parseInt(v, 10);
}

/** `name[]=a&name[]=b` and also plain `name=a` (a single value; commas are NOT split). */
export function arrayParam(q: URLSearchParams, name: string): string[] {
  return [...q.getAll(`${name}[]`), ...q.getAll(name)];
}

export interface Page<T> {
  items: T[];
  link: string | undefined;
}

/**
 * GitHub-style page + per_page paging (per_page capped to 1..100, default 30). The Link header uses
 * absolute URLs on `linkPath` (e.g. `/organizations/{id}/personal-access-tokens`) and keeps the
 * request's other query parameters verbatim, with `page` moved to the end.
 */
export function paginate<T>(items: readonly T[], ctx: Ctx, linkPath: string): Page<T> {
  const perPage = Math.min(100, Math.max(1, intParam(ctx.query, 'per_page', 30)));
  const page = Math.max(1, intParam(ctx.query, 'page', 1));
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  if (last === 1 && page === 1) return { items: slice, link: undefined };
  const kept = ctx.rawQuery
    .split('&')
    .filter((p) => p !== '' && !/^page=/i.test(p))
    .join('&');
  const url = (n: number) => `${ctx.bases.api}${linkPath}?${kept ? `${kept}&` : ''}page=${n}`;
  const rels: string[] = [];
  if (page > 1) rels.push(`<${url(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${url(1)}>; rel="first"`);
  return { items: slice, link: rels.join(', ') };
}

export function randomToken(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
