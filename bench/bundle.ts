// Production bundle sizes, raw and gzip (node:zlib, default level 6), per entry point.
// Entry points come from the built manifest; an HTML page's JS is every <script src> and
// <link rel=modulepreload href>, and every JS file is followed through its static and
// dynamic imports, so shared chunks count towards each entry that loads them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigure {
  entry: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** CSS the entry loads, reported apart from the JS. */
  css: { files: string[]; rawBytes: number; gzipBytes: number };
}

interface Manifest {
  background?: { service_worker?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  web_accessible_resources?: { resources: string[] }[];
}

const IMPORT = /(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["']([^"']+\.m?js)["']/g;

function jsClosure(root: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const normal = posix.normalize(file).replace(/^\/+/, '');
    if (seen.has(normal) || !existsSync(join(root, normal))) return;
    seen.add(normal);
    const text = readFileSync(join(root, normal), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] as string;
      if (/^[a-z]+:/i.test(spec)) continue;
      visit(spec.startsWith('/') ? spec : posix.join(posix.dirname(normal), spec));
    }
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

function htmlAssets(root: string, page: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(root, page), 'utf8');
  const js: string[] = [];
  const css: string[] = [];
  const base = dirname(page);
  const resolveRef = (ref: string) => (ref.startsWith('/') ? ref.slice(1) : posix.join(base, ref));
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g))
    js.push(resolveRef(match[1] as string));
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/rel="modulepreload"/.test(tag)) js.push(resolveRef(href));
    else if (/rel="stylesheet"/.test(tag)) css.push(resolveRef(href));
  }
  return { js, css };
}

function measure(root: string, files: readonly string[]): { rawBytes: number; gzipBytes: number } {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const data = readFileSync(join(root, file));
    rawBytes += data.length;
    gzipBytes += gzipSync(data).length;
  }
  return { rawBytes, gzipBytes };
}

function figure(root: string, entry: string, js: readonly string[], css: readonly string[]): BundleFigure {
  const files = jsClosure(root, js);
  const cssFiles = css.filter((file) => existsSync(join(root, file)));
  return { entry, files, ...measure(root, files), css: { files: cssFiles, ...measure(root, cssFiles) } };
}

export function bundleSizes(root: string): BundleFigure[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
  const out: BundleFigure[] = [];
  for (const [i, script] of (manifest.content_scripts ?? []).entries()) {
    // WXT's cssInjectionMode "ui" ships the panel's CSS as a web-accessible resource.
    const css = [
      ...(script.css ?? []),
      ...(script.js ?? [])
        .map((file) => file.replace(/\.js$/, '.css'))
        .filter((file) => existsSync(join(root, file))),
    ];
    const name = manifest.content_scripts?.length === 1 ? 'content script' : `content script ${i + 1}`;
    out.push(figure(root, name, script.js ?? [], css));
  }
  const worker = manifest.background?.service_worker;
  if (worker) out.push(figure(root, 'service worker', [worker], []));
  const pages: [string, string | undefined][] = [
    ['popup', manifest.action?.default_popup],
    ['options page', manifest.options_ui?.page ?? manifest.options_page],
    // The Active tokens panel: an extension page framed by the content script (not in the
    // manifest's pages; listed in web_accessible_resources).
    ['panel page', existsSync(join(root, 'panel.html')) ? 'panel.html' : undefined],
  ];
  for (const [name, page] of pages) {
    if (!page) continue;
    const { js, css } = htmlAssets(root, page);
    out.push(figure(root, name, js, css));
  }
  return out;
}
