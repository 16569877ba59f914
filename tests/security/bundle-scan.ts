// The credential boundary checked on what ships: a built extension directory is scanned
// for marks of worker-only code (the secret store, the credential code, the GitHub
// client, @octokit/auth-app and its JWT signer) in every bundle the worker does not own:
// content scripts, the popup, the options page, the panel's page and any chunk they share.
// The import-graph test (boundary.test.ts) reads sources; this reads the bytes a page
// actually loads, so an alias, a bundler setting or a new entry point cannot slip by.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Worker-only code whose own strings must each leave at least one mark in the worker
 * bundle: if a refactor removed them all, the scan would be blind to that module.
 */
export const REQUIRED_GROUPS = [
  'lib/worker/secrets.ts',
  'lib/worker/credentials.ts',
  'lib/github/',
  '@octokit/auth-app',
  'universal-github-app-jwt',
  '@octokit/rest',
] as const;

// Strings of the packages that survive minification (messages, route templates, names).
const PACKAGE_MARKERS: Record<string, string[]> = {
  '@octokit/auth-app': ['[@octokit/auth-app]', 'POST /app/installations/{installation_id}/access_tokens'],
  'universal-github-app-jwt': ['RSASSA-PKCS1-v1_5'],
  '@octokit/rest': ['octokit-rest.js', 'octokit-core.js', '/orgs/{org}/personal-access-tokens'],
  '@octokit/oauth-methods': ['/login/oauth/access_token'],
};

// A string literal of printable ASCII with no quote, backslash or `${`: written the same
// way by any minifier, so finding it in a bundle means the code that holds it is there.
// Twelve characters at least, so that a word a dependency of the pages also happens to
// use ("secondary", "registered") is not taken for a mark of the worker.
const LITERAL = /'([^'"`\\\n]{12,})'|"([^'"`\\\n]{12,})"/g;
const PRINTABLE = /^[\x20-\x7E]+$/;
const SPECIFIER_LINE = /^\s*(?:import|export)\b.*\bfrom\s|^\s*import\s*['"]|import\(/;

function walk(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const isSource = (path: string) => /\.(?:ts|tsx|js|mjs)$/.test(path) && !/\.d\.ts$/.test(path);

function literalsOf(source: string): string[] {
  const out: string[] = [];
  for (const line of source.split('\n')) {
    if (SPECIFIER_LINE.test(line)) continue;
    for (const match of line.matchAll(LITERAL)) {
      const text = match[1] ?? match[2] ?? '';
      if (PRINTABLE.test(text) && /[A-Za-z]/.test(text)) out.push(text);
    }
  }
  return out;
}

/** Sources every non-worker bundle may legitimately contain strings of. */
function sharedSources(root: string): string[] {
  const lib = walk(join(root, 'lib'), isSource).filter(
    (path) => !/[/\\]lib[/\\](?:worker|github)[/\\]/.test(path),
  );
  const entries = walk(join(root, 'entrypoints'), isSource).filter(
    (path) => !/^background(?:\.|[/\\])/.test(relative(join(root, 'entrypoints'), path)),
  );
  return [...lib, ...entries, ...walk(join(root, 'components'), isSource)];
}

/** Marker → where it comes from. Worker strings also found in shared code are left out. */
export function workerMarkers(root = ROOT): Map<string, string> {
  const shared = sharedSources(root).map((path) => readFileSync(path, 'utf8'));
  const markers = new Map<string, string>();
  for (const dir of ['lib/worker', 'lib/github']) {
    for (const path of walk(join(root, dir), isSource)) {
      const origin = relative(root, path).split('\\').join('/');
      for (const text of literalsOf(readFileSync(path, 'utf8'))) {
        if (markers.has(text) || shared.some((source) => source.includes(text))) continue;
        markers.set(text, origin);
      }
    }
  }
  for (const [pkg, list] of Object.entries(PACKAGE_MARKERS)) for (const text of list) markers.set(text, pkg);
  return markers;
}

export interface BundleFiles {
  /** The worker's files: the background entry and every chunk it imports. */
  worker: string[];
  /** Every other script or page: content scripts, popup, options, the panel page, chunks. */
  others: string[];
}

const STATIC_IMPORT =
  /(?:import|export)\s*(?:[\w*${}\s,]*from\s*)?["']([^"']+\.js)["']|import\(\s*["']([^"']+\.js)["']\s*\)/g;

/** Sorts a built extension's files into the worker's and everybody else's. */
export function bundleFiles(dir: string): BundleFiles {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No built extension at ${dir}: run \`wxt build\` first (npm run test:e2e does).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
  };
  const entries = [
    ...(manifest.background?.service_worker ? [manifest.background.service_worker] : []),
    ...(manifest.background?.scripts ?? []),
  ].map((file) => join(dir, file));
  if (entries.length === 0) throw new Error(`${manifestPath} names no background script.`);
  const worker = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (worker.has(file) || !existsSync(file)) continue;
    worker.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      queue.push(target.startsWith('/') ? join(dir, target) : resolve(dirname(file), target));
    }
  }
  const all = walk(dir, (path) => /\.(?:js|mjs|html)$/.test(path));
  return { worker: [...worker], others: all.filter((path) => !worker.has(path)) };
}

export interface ScanResult {
  /** Markers present in the worker bundle, by origin: what the scan can see. */
  seen: Map<string, string[]>;
  /** `file: "marker" (origin)` for every worker mark in a non-worker bundle. */
  violations: string[];
}

export function scanBuild(dir: string, markers = workerMarkers()): ScanResult {
  const files = bundleFiles(dir);
  const workerText = files.worker.map((file) => readFileSync(file, 'utf8')).join('\n');
  const seen = new Map<string, string[]>();
  for (const [text, origin] of markers) {
    if (!workerText.includes(text)) continue;
    seen.set(origin, [...(seen.get(origin) ?? []), text]);
  }
  const violations: string[] = [];
  for (const file of files.others) {
    const text = readFileSync(file, 'utf8');
    for (const list of seen.values()) {
      for (const marker of list) {
        if (text.includes(marker)) {
          const name = posix.join(...relative(dir, file).split(/[/\\]/));
          violations.push(`${name}: "${marker}" (${markers.get(marker)})`);
        }
      }
    }
  }
  return { seen, violations };
}

/** Origins of REQUIRED_GROUPS with no marker in the worker bundle: where the scan is blind. */
export function blindSpots(seen: Map<string, string[]>): string[] {
  return REQUIRED_GROUPS.filter((group) => ![...seen.keys()].some((origin) => origin.startsWith(group)));
}
