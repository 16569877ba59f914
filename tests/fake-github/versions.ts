// GitHub Enterprise Server versions the fake can play (`ghesVersion`, GHES hosts only), from
// GitHub's own OpenAPI descriptions and docs:
// - the org PAT endpoints exist from 3.10 (`@octokit/openapi` 14.0.0 ghes-3.10);
// - `token_id`, `token_name` and the `token_id[]` filter come with 3.13 (absent from the
//   3.10–3.12 descriptions): older servers leave the fields out and ignore the filter;
// - the JWT `iss` must be the numeric App ID up to 3.13 ("Generating a JSON Web Token (JWT) for
//   a GitHub App", GHES 3.13 docs); the Client ID is accepted from 3.14.

import { routeHost } from './hosts.ts';
import type { Ctx } from './http.ts';
import type { FakeConfig } from './state.ts';

/** What GitHub said to a non-numeric `iss` before it accepted Client IDs (GitHub's own text). */
export const JWT_ISS_NOT_INTEGER = "'Issuer' claim ('iss') must be an Integer";

function version(config: Pick<FakeConfig, 'ghesVersion'>, ctx: Pick<Ctx, 'host'>): number | null {
  if (!config.ghesVersion || routeHost(ctx.host, '/').kind !== 'ghes') return null;
  const [major = 0, minor = 0] = config.ghesVersion.split('.').map(Number);
  return major * 100 + minor;
}

/** GHES 3.10–3.12: no token_id, token_name, token_id[]. */
export function lacksTokenFields(config: Pick<FakeConfig, 'ghesVersion'>, ctx: Pick<Ctx, 'host'>): boolean {
  const v = version(config, ctx);
  return v !== null && v < 313;
}

/** GHES up to 3.13: the JWT issuer must be the App ID. */
export function numericIssOnly(config: Pick<FakeConfig, 'ghesVersion'>, ctx: Pick<Ctx, 'host'>): boolean {
  const v = version(config, ctx);
  return v !== null && v <= 313;
}

/** A grant or request as that version renders it. */
export function shapeForVersion<T extends object>(
  item: T,
  config: Pick<FakeConfig, 'ghesVersion'>,
  ctx: Pick<Ctx, 'host'>,
): T | Omit<T, 'token_id' | 'token_name'> {
  if (!lacksTokenFields(config, ctx)) return item;
  const {
    token_id: _id,
    token_name: _name,
    ...rest
  } = item as T & { token_id?: unknown; token_name?: unknown };
  return rest;
}
