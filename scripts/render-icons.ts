// Renders assets/icon.svg (the one source drawing) to the PNG sizes the stores and browsers use,
// with Debian's Chromium through Playwright: `npm run icons`. The PNGs are committed.
// `--preview` also writes demo-screenshots/icons-on-toolbars.png: every size on a light and a
// dark toolbar colour, to check legibility by eye.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { ICON_SIZES } from '../lib/icons';

const svg = readFileSync(resolve('assets/icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(resolve(`public/icon-${size}.png`), await page.screenshot({ omitBackground: true }));
    await page.close();
  }
  if (process.argv.includes('--preview')) {
    // Chrome's and Firefox's light and dark toolbar colours.
    const bars = ['#ffffff', '#f9f9fb', '#3c3c3c', '#2b2a33', '#1c1b22'];
    const row = (bg: string) =>
      `<div style="background:${bg};padding:8px;display:flex;gap:12px;align-items:center">${ICON_SIZES.map(
        (size) =>
          `<img src="data:image/png;base64,${readFileSync(resolve(`public/icon-${size}.png`)).toString('base64')}" width="${size}" height="${size}">`,
      ).join('')}</div>`;
    const page = await browser.newPage({ viewport: { width: 420, height: 5 * 144 } });
    await page.setContent(`<body style="margin:0">${bars.map(row).join('')}</body>`);
    mkdirSync('demo-screenshots', { recursive: true });
    await page.screenshot({ path: 'demo-screenshots/icons-on-toolbars.png', fullPage: true });
  }
} finally {
  await browser.close();
}
