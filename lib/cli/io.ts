// What a command may touch, passed in so that unit tests run commands in-process: the
// streams, the environment, the working directory, the clock and GitHub's fetch.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GitHubDeps } from './github';
import { createProgress, type Progress, type Stream } from './progress';

export interface Io {
  stdout: { write(text: string, done?: (error?: Error | null) => void): unknown };
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
  github?: GitHubDeps;
}

export interface Context {
  io: Io;
  progress: Progress;
  /** Writes results to stdout; resolves once they are handed to the OS. */
  print(text: string): Promise<void>;
  /** Writes a file under the working directory's `dir`; returns its path as given. */
  save(dir: string, name: string, text: string): Promise<string>;
}

export function contextOf(io: Io): Context {
  return {
    io,
    progress: createProgress(io.stderr),
    print: (text) =>
      text === ''
        ? Promise.resolve()
        : new Promise((done, fail) => {
            io.stdout.write(text, (error) => (error ? fail(error) : done()));
          }),
    async save(dir, name, text) {
      await mkdir(resolve(io.cwd, dir), { recursive: true });
      await writeFile(resolve(io.cwd, dir, name), text);
      return join(dir, name);
    },
  };
}
