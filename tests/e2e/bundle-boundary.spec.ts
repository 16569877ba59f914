// The credential boundary on the production build (tests/security/bundle-scan.ts): runs
// after `wxt build` in `npm run test:e2e`, and fails when .output/chrome-mv3 is missing.
// No browser: these read the files Chromium would load.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { blindSpots, REQUIRED_GROUPS, ROOT, scanBuild } from '../security/bundle-scan';

const BUILD = join(ROOT, '.output/chrome-mv3');

test('no worker-only code or secret-store mark in any bundle but the worker', () => {
  const { seen, violations } = scanBuild(BUILD);
  // The scan sees every guarded module in the worker bundle, so it is not blind to any.
  expect(blindSpots(seen)).toEqual([]);
  for (const group of REQUIRED_GROUPS) {
    expect(
      [...seen.keys()].some((origin) => origin.startsWith(group)),
      group,
    ).toBe(true);
  }
  expect(violations).toEqual([]);
});

// The scan must catch the mistake it exists for: a content script that imports the secret
// store through a WXT alias. A copy of the project gets one such content script and is
// built for real; the scan of that build must name the file and the store's marks.
test('catches a content script that imports the secret store (a planted build)', () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'patrol-planted-'));
  try {
    const skip = new Set(['node_modules', '.output', '.wxt', '.git', 'tests', 'bench', 'test-results']);
    cpSync(ROOT, dir, {
      recursive: true,
      filter: (source) => !skip.has(relative(ROOT, source).split(/[/\\]/)[0] ?? ''),
    });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'entrypoints/planted.content.ts'),
      [
        "import * as secrets from '@/lib/worker/secrets';",
        "import { defineContentScript } from 'wxt/utils/define-content-script';",
        '',
        "export default defineContentScript({ matches: ['https://github.com/*'], main() {",
        '  Object.assign(globalThis, { planted: secrets });',
        '} });',
        '',
      ].join('\n'),
    );
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: dir, stdio: 'pipe' });
    const { violations } = scanBuild(join(dir, '.output/chrome-mv3'));
    const planted = violations.filter((v) => v.startsWith('content-scripts/planted.js: '));
    expect(planted.some((v) => v.endsWith('(lib/worker/secrets.ts)'))).toBe(true);
    // Nothing else in that build is flagged: the scan points at the culprit only.
    expect(violations.filter((v) => !v.startsWith('content-scripts/planted.js: '))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
