// The `patrol` executable (built to .output/cli/patrol.mjs by `npm run build:cli`).
import { main } from './main';

// A reader that stops early (`patrol audit … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: Date.now,
});
process.exitCode = code;
