// Validate a logged exchange against GitHub's OpenAPI description (@octokit/openapi,
// api.github.com.json, then ghec.json for Enterprise-Cloud-only operations): operation lookup by method + path template, path/query params, request
// body, declared status, response body. Schemas are prepared (OpenAPI 3.0 `nullable`,
// `discriminator`, component `$ref`s) and compiled lazily, per operation, then cached.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';

type Obj = Record<string, unknown>;

export interface ExchangeLike {
  method: string;
  host: string;
  site?: 'rest' | 'web';
  /** Path + query as received (GHES: with /api/v3). */
  path: string;
  restPath?: string;
  body: unknown;
  status: number;
  responseBody: unknown;
  fault?: string;
}

const SCHEMA_BASE = 'https://fake-github.test/schemas/';
/** Statuses GitHub may return on any endpoint without the spec listing them. */
const GENERIC_ERRORS = new Set([401, 403, 404, 429, 500, 502, 503, 504]);

/**
 * The descriptions: github.com's, and GitHub Enterprise Cloud's for the operations that exist
 * only there (`githubCloudOnly`, e.g. SAML credential authorizations). Each has its own Ajv,
 * so components of the same name never collide.
 */
type SpecName = 'api.github.com' | 'ghec';
interface SpecState {
  name: SpecName;
  spec?: Obj;
  ajv?: Ajv;
  registered: Set<string>;
  cache: Map<string, ValidateFunction>;
  routes?: { method: string; template: string; re: RegExp; literals: number; op: Obj }[];
}
const specs: Record<SpecName, SpecState> = {
  'api.github.com': { name: 'api.github.com', registered: new Set(), cache: new Map() },
  ghec: { name: 'ghec', registered: new Set(), cache: new Map() },
};
/** The description being consulted (set per exchange by validateExchange). */
let current: SpecState = specs['api.github.com'];

function loadSpec(): Obj {
  if (!current.spec) {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`@octokit/openapi/generated/${current.name}.json`);
    current.spec = JSON.parse(readFileSync(file, 'utf8')) as Obj;
  }
  return current.spec;
}

function components(kind: string): Obj {
  return ((loadSpec().components as Obj)[kind] ?? {}) as Obj;
}

function getAjv(): Ajv {
  if (!current.ajv) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const m = formatsModule as unknown as { default?: unknown };
    const addFormats = (typeof m.default === 'function' ? m.default : formatsModule) as (a: Ajv) => void;
    addFormats(ajv);
    for (const f of [
      'int32',
      'int64',
      'float',
      'double',
      'byte',
      'binary',
      'password',
      'repo.nwo',
      'ssh-key',
    ]) {
      ajv.addFormat(f, true);
    }
    current.ajv = ajv;
  }
  return current.ajv;
}

/** Deep-copy a spec schema into JSON Schema Ajv understands, registering referenced components. */
function prep(node: unknown, refs: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => prep(n, refs));
  if (!node || typeof node !== 'object') return node;
  const src = node as Obj;
  if (typeof src.$ref === 'string') {
    const name = src.$ref.replace('#/components/schemas/', '');
    refs.add(name);
    const ref = { $ref: `${SCHEMA_BASE}${name}` };
    return src.nullable ? { anyOf: [{ type: 'null' }, ref] } : ref;
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(src)) {
    if (
      k === 'nullable' ||
      k === 'discriminator' ||
      k === 'example' ||
      k === 'examples' ||
      k.startsWith('x-')
    ) {
      continue;
    }
    out[k] = k === 'properties' || k === 'patternProperties' ? mapValues(v as Obj, refs) : prep(v, refs);
  }
  if (Array.isArray(src.allOf) && isAccountUnion(src.allOf)) {
    out.anyOf = out.allOf; // spec quirk: inlined Installation.account is allOf[Simple User, Enterprise]
    delete out.allOf;
  }
  if (src.discriminator && out.oneOf) {
    out.anyOf = out.oneOf; // Ajv's discriminator lacks `mapping`; anyOf is enough here.
    delete out.oneOf;
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function isAccountUnion(list: unknown[]): boolean {
  const titles = list.map((x) => (x as Obj)?.title);
  return titles.includes('Simple User') && titles.includes('Enterprise');
}

function mapValues(o: Obj, refs: Set<string>): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) out[k] = prep(v, refs);
  return out;
}

function compile(key: string, schema: unknown): ValidateFunction {
  const { cache, registered } = current;
  const hit = cache.get(key);
  if (hit) return hit;
  const a = getAjv();
  const refs = new Set<string>();
  const root = prep(schema, refs);
  const pending = [...refs];
  while (pending.length) {
    const name = pending.pop() as string;
    if (registered.has(name)) continue;
    registered.add(name);
    const more = new Set<string>();
    a.addSchema(prep(components('schemas')[name], more) as Obj, `${SCHEMA_BASE}${name}`);
    pending.push(...more);
  }
  const fn = a.compile(root as Obj);
  cache.set(key, fn);
  return fn;
}

function deref<T>(x: unknown, kind: string): T {
  const r = x as { $ref?: string };
  return (r?.$ref ? components(kind)[r.$ref.split('/').pop() as string] : x) as T;
}

function findOperation(method: string, path: string): { template: string; op: Obj; params: Obj } | null {
  if (!current.routes) {
    const routes: NonNullable<SpecState['routes']> = [];
    current.routes = routes;
    for (const [template, ops] of Object.entries(loadSpec().paths as Obj)) {
      for (const [m, op] of Object.entries(ops as Obj)) {
        const segs = template.split('/');
        const re = new RegExp(
          `^${segs.map((s) => (s.startsWith('{') ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
        );
        routes.push({
          method: m.toUpperCase(),
          template,
          re,
          literals: segs.filter((s) => !s.startsWith('{')).length,
          op: op as Obj,
        });
      }
    }
    routes.sort((a, b) => b.literals - a.literals);
  }
  for (const r of current.routes) {
    if (r.method !== method) continue;
    const m = r.re.exec(path);
    if (!m) continue;
    const names = [...r.template.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] as string);
    const params: Obj = {};
    names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] as string);
    });
    return { template: r.template, op: r.op, params };
  }
  return null;
}

function coerce(value: string, schema: Obj): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function errorsOf(fn: ValidateFunction, where: string): string[] {
  return (fn.errors ?? [])
    .slice(0, 10)
    .map((e) => `${where}${e.instancePath}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema: Obj;
}

function checkParams(key: string, op: Obj, pathParams: Obj, query: URLSearchParams): string[] {
  const problems: string[] = [];
  const params = ((op.parameters ?? []) as unknown[]).map((p) => deref<Param>(p, 'parameters'));
  const known = new Set<string>();
  for (const p of params) {
    let value: unknown;
    if (p.in === 'path') value = coerce(String(pathParams[p.name]), p.schema);
    else if (p.in === 'query') {
      known.add(p.name);
      known.add(`${p.name}[]`);
      if (p.schema.type === 'array') {
        const all = [...query.getAll(`${p.name}[]`), ...query.getAll(p.name)];
        value = all.length ? all.map((v) => coerce(v, (p.schema.items ?? {}) as Obj)) : undefined;
      } else {
        const v = query.get(p.name);
        value = v === null ? undefined : coerce(v, p.schema);
      }
    } else continue;
    if (value === undefined) {
      if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
      continue;
    }
    const fn = compile(`${key} param ${p.name}`, p.schema);
    if (!fn(value)) problems.push(...errorsOf(fn, `${p.in} parameter ${p.name}`));
    if (p.name === 'per_page' && typeof value === 'number' && value > 100) {
      problems.push(`query parameter per_page: ${value} exceeds the documented maximum of 100`);
    }
  }
  for (const name of new Set(query.keys())) {
    if (!known.has(name)) problems.push(`query parameter ${name} is not declared by the operation`);
  }
  return problems;
}

export interface ValidateOptions {
  /** Check path/query parameters and the request body (default true). */
  request?: boolean;
  /** Check the status and the response body (default true). */
  response?: boolean;
}

/** Problems found in one exchange ([] = valid). Web/OAuth exchanges and dropped connections are skipped. */
export function validateExchange(ex: ExchangeLike, opts: ValidateOptions = {}): string[] {
  if (ex.fault === 'drop' || ex.method === 'OPTIONS') return []; // CORS preflight is not an operation
  const host = ex.host.replace(/:\d+$/, '').toLowerCase();
  const ghes = host !== 'api.github.com' && host !== 'github.com' && /^\/api\/v3(\/|$|\?)/.test(ex.path);
  if (ex.site === 'web' || (!ghes && host !== 'api.github.com')) return [];
  const target = ex.restPath ?? (ghes ? ex.path.slice('/api/v3'.length) : ex.path);
  const url = new URL(target, 'https://api.github.com');
  // GitHub's Link headers use /organizations/{org_id}/…; the spec only documents /orgs/{org}/….
  const path = url.pathname.replace(/^\/organizations\/(\d+)\//, '/orgs/$1/');
  current = specs['api.github.com'];
  let found = findOperation(ex.method, path);
  if (!found && !ghes) {
    // Not on github.com: perhaps an Enterprise Cloud operation (never on GHES).
    current = specs.ghec;
    found = findOperation(ex.method, path);
    if (found && (found.op['x-github'] as Obj | undefined)?.githubCloudOnly !== true) found = null;
  }
  const label = `${ex.method} ${url.pathname}`;
  if (!found) return [`${label}: no operation in the OpenAPI description`];
  const key = `${ex.method} ${found.template}`;
  const problems = opts.request === false ? [] : checkParams(key, found.op, found.params, url.searchParams);
  const rb = deref<{ required?: boolean; content?: Obj } | undefined>(found.op.requestBody, 'requestBodies');
  const bodySchema = (rb?.content?.['application/json'] as Obj | undefined)?.schema;
  if (bodySchema !== undefined && opts.request !== false) {
    if (ex.body === null || ex.body === undefined || ex.body === '') {
      if (rb?.required) problems.push('request body is required');
    } else {
      const fn = compile(`${key} request`, bodySchema);
      if (!fn(ex.body)) problems.push(...errorsOf(fn, 'request body'));
    }
  }
  if (opts.response === false) return problems.map((p) => `${label}: ${p}`);
  const responses = found.op.responses as Obj;
  let declared = responses[String(ex.status)] ?? responses.default;
  // A 304 answers a conditional GET on any cacheable resource (RFC 9110), declared or not.
  if (!declared && ex.status === 304 && ex.method === 'GET') declared = {};
  if (!declared) {
    if (!GENERIC_ERRORS.has(ex.status)) {
      return [...problems, `status ${ex.status} is not declared`].map((p) => `${label}: ${p}`);
    }
    declared = { content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } } };
  }
  const res = deref<{ content?: Obj }>(declared, 'responses');
  const schema = (res.content?.['application/json'] as Obj | undefined)?.schema;
  if (schema === undefined) {
    if (ex.responseBody !== null && ex.responseBody !== undefined && ex.responseBody !== '') {
      problems.push(`status ${ex.status} declares no body but one was sent`);
    }
  } else if (ex.responseBody !== undefined) {
    const fn = compile(`${key} ${ex.status}`, schema);
    if (!fn(ex.responseBody)) problems.push(...errorsOf(fn, `response ${ex.status}`));
  }
  return problems.map((p) => `${label}: ${p}`);
}

/** Validate many exchanges; returns `"#seq problem"` lines. */
export function validateAll(
  exchanges: readonly (ExchangeLike & { seq?: number })[],
  opts?: ValidateOptions,
): string[] {
  return exchanges.flatMap((ex) => validateExchange(ex, opts).map((p) => `#${ex.seq ?? '?'} ${p}`));
}
