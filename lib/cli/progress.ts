// Progress on stderr (stdout carries results only): a bar redrawn in place when stderr is a
// terminal, a plain line at the start and end of each step when it is not (CI logs).
export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A step with a known or unknown size; `update` redraws, `end` closes it. */
  step(label: string): { update(done: number, total: number | null): void; end(summary: string): void };
  /** A line that is not a result: a note, a warning. */
  note(text: string): void;
}

const count = (n: number) => n.toLocaleString('en-US');
const REDRAW_MS = 100;

export function createProgress(stderr: Stream, now: () => number = Date.now): Progress {
  const tty = stderr.isTTY === true;
  let drawn = false;
  const clear = () => {
    if (drawn) stderr.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    step(label) {
      if (!tty) stderr.write(`${label}…\n`);
      let last = 0;
      return {
        update(done, total) {
          if (!tty || now() - last < REDRAW_MS) return;
          last = now();
          const width = Math.max(10, Math.min(30, (stderr.columns ?? 80) - label.length - 30));
          const share = total ? Math.min(1, done / total) : 0;
          const filled = Math.round(share * width);
          const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
          clear();
          stderr.write(`${label} ${bar}${count(done)}${total ? ` of ${count(total)}` : ''}`);
          drawn = true;
        },
        end(summary) {
          clear();
          stderr.write(`${summary}\n`);
        },
      };
    },
    note(text) {
      clear();
      stderr.write(`${text}\n`);
    },
  };
}
