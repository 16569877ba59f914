// Builds the `patrol` command line (lib/cli/bin.ts) into one ESM file for Node 20+:
// .output/cli/patrol.mjs, the package's `bin`. Dependencies are bundled, so the file runs
// with `node` alone; CommonJS dependencies get a `require` from createRequire.
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

export const CLI_OUTFILE = resolve(import.meta.dirname, '../.output/cli/patrol.mjs');

export async function buildCli(outfile = CLI_OUTFILE): Promise<string> {
  await build({
    entryPoints: [resolve(import.meta.dirname, '../lib/cli/bin.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __patrolRequire } from 'node:module';\nconst require = __patrolRequire(import.meta.url);",
    },
  });
  chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildCli();
}
