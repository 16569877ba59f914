// @vitest-environment node
// The store packages as `npm run zip` makes them: built here, then opened and read back. What a
// store reviewer sees is checked against expectations written out below, not against
// wxt.config.ts, so a change to the manifest has to be made (and justified) in both places.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_ORIGINS } from '../../lib/host-access';

const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
const OUT = resolve('.output');
const SIZES = [16, 32, 48, 96, 128];

// Exactly what docs/store.md justifies, permission by permission.
const PERMISSIONS = {
  permissions: ['alarms', 'storage'],
  host_permissions: ['https://api.github.com/*', 'https://github.com/*'],
  optional_permissions: ['notifications', 'scripting'],
  optional_host_permissions: ['https://*/*'],
};

type Manifest = Record<string, unknown> & {
  name: string;
  version: string;
  manifest_version: number;
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string>; default_popup?: string };
  background?: { service_worker?: string; scripts?: string[] };
  options_ui?: { page: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[] };
    };
  };
};

async function open(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(resolve(OUT, file)));
}

async function manifestOf(zip: JSZip): Promise<Manifest> {
  const text = await zip.file('manifest.json')?.async('string');
  if (!text) throw new Error('the zip has no manifest.json at its root');
  return JSON.parse(text) as Manifest;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new Error('not a PNG');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const sorted = (list: unknown) => [...((list as string[] | undefined) ?? [])].sort();

async function expectStoreReady(zip: JSZip, manifest: Manifest): Promise<void> {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.name).toBe('PATrol');
  expect(manifest.version).toBe(pkg.version);
  expect(manifest.key, 'a test key must never ship').toBeUndefined();
  for (const [field, expected] of Object.entries(PERMISSIONS))
    expect(sorted(manifest[field]), field).toEqual(expected);

  for (const map of [manifest.icons, manifest.action?.default_icon]) {
    expect(
      Object.keys(map ?? {})
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(SIZES);
    for (const size of SIZES) {
      const path = map?.[String(size)] ?? '';
      const bytes = await zip.file(path)?.async('uint8array');
      expect(bytes, `${path} in the zip`).toBeDefined();
      expect(pngSize(bytes as Uint8Array)).toEqual({ width: size, height: size });
    }
  }
  // Every file the manifest names is in the package.
  const named = [
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
  ].filter((path): path is string => Boolean(path));
  expect(named.length).toBeGreaterThanOrEqual(4);
  for (const path of named) expect(zip.file(path), path).not.toBeNull();
  // No source maps, keys or stray sources in a store package.
  expect(Object.keys(zip.files).filter((name) => /\.(map|pem|ts|tsx)$/.test(name))).toEqual([]);
}

it('checks for exactly the host access the manifest asks for', () => {
  expect([...GITHUB_ORIGINS].sort()).toEqual(PERMISSIONS.host_permissions);
});

describe('npm run zip', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'zip'], { stdio: 'pipe', env: { ...process.env, CI: '1' } });
  }, 180_000);

  it('makes a Chrome package a store accepts', async () => {
    const zip = await open(`patrol-${pkg.version}-chrome.zip`);
    const manifest = await manifestOf(zip);
    await expectStoreReady(zip, manifest);
    expect(manifest.background?.service_worker).toBe('background.js');
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('makes a Firefox package addons.mozilla.org accepts', async () => {
    const zip = await open(`patrol-${pkg.version}-firefox.zip`);
    const manifest = await manifestOf(zip);
    await expectStoreReady(zip, manifest);
    // Firefox runs MV3 backgrounds as event pages.
    expect(manifest.background?.scripts).toEqual(['background.js']);
    expect(manifest.browser_specific_settings?.gecko).toEqual({
      id: 'patrol@patrol.invalid',
      strict_min_version: '140.0',
      // Required by addons.mozilla.org for new add-ons: PATrol sends nothing to anyone but GitHub.
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('makes the sources package a reviewer can rebuild the Firefox package from', async () => {
    const zip = await open(`patrol-${pkg.version}-sources.zip`);
    const names = Object.keys(zip.files);
    for (const needed of [
      'package.json',
      'package-lock.json',
      '.npmrc',
      'wxt.config.ts',
      'tsconfig.json',
      'README.md',
      'docs/store.md',
      'assets/icon.svg',
      'entrypoints/background.ts',
    ])
      expect(names, needed).toContain(needed);
    expect(names.filter((name) => /^(tests|node_modules|\.output|\.git|\.wxt|bench)\//.test(name))).toEqual(
      [],
    );
    expect(names.filter((name) => /\.(pem|key|zip)$/.test(name))).toEqual([]);
  });
});
