// Chromium with a snapshot of the production build. The bench runs for minutes, and other
// work in the same checkout may rebuild .output/chrome-mv3 meanwhile; a copy taken at start
// keeps every size on the same bytes. It launches through tests/e2e/fixtures.ts's launchChromium.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchChromium } from '../tests/e2e/fixtures.ts';
import type { FakeGitHub } from '../tests/fake-github/server.ts';

const temps = new Set<string>();

/** A temporary directory, removed by removeTempDir or, at the latest, when the process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  temps.delete(dir);
}

process.on('exit', () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Copies the build; returns the copy's path (removed on exit). */
export function snapshotBuild(output: string): string {
  const path = join(tempDir('patrol-bench-build-'), 'chrome-mv3');
  cpSync(output, path, { recursive: true });
  return path;
}

export function launchWithExtension(
  extensionPath: string,
  fake: FakeGitHub,
  userDataDir: string,
  headless: boolean,
): Promise<BrowserContext> {
  return launchChromium(fake, userDataDir, { headless, extensionPath });
}
