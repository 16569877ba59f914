// The command line: parse, dispatch, and turn anything thrown into one line on stderr and
// the documented exit status (PRODUCT.md "Command line"). No stack trace ever reaches a user.
import { parseCommandLine } from './args';
import { runAudit } from './audit';
import { EXIT, type ExitCode, failureOf } from './exit';
import { HELP } from './help';
import { contextOf, type Io } from './io';
import { runRequests } from './requests';
import { runRevoke } from './revoke';

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const ctx = contextOf(io);
  try {
    const args = parseCommandLine(argv);
    if ('help' in args) {
      await ctx.print(`${HELP[args.command ?? 'patrol']}\n`);
      return EXIT.done;
    }
    if (args.command === 'audit') return await runAudit(args, ctx);
    if (args.command === 'revoke') return await runRevoke(args, ctx);
    return await runRequests(args, ctx);
  } catch (error) {
    const failure = failureOf(error);
    ctx.progress.note(failure.line);
    return failure.code;
  }
}
