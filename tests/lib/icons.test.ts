// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BADGE_BACKGROUND_COLOR, ICON_SIZES, iconPaths } from '../../lib/icons';

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** Hue in degrees of #rrggbb. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('icons', () => {
  it('has a committed PNG of each size, rendered from the one SVG', () => {
    expect(ICON_SIZES).toEqual([16, 32, 48, 96, 128]);
    expect(readFileSync(resolve('assets/icon.svg'), 'utf8')).toContain('viewBox="0 0 128 128"');
    for (const [size, path] of Object.entries(iconPaths())) {
      const png = readFileSync(resolve('public', path));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });

  it('gives the watch-count badge a colour apart from the icon, readable with white text', () => {
    expect(BADGE_BACKGROUND_COLOR).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrast(BADGE_BACKGROUND_COLOR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const svg = readFileSync(resolve('assets/icon.svg'), 'utf8');
    const iconColours = [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/gi)]
      .map((m) => (m[1] as string).toLowerCase())
      .filter((c) => c !== '#ffffff');
    expect(iconColours.length).toBeGreaterThan(0);
    for (const colour of iconColours) {
      const apart = Math.abs(hue(colour) - hue(BADGE_BACKGROUND_COLOR));
      expect(Math.min(apart, 360 - apart), `${colour} vs the badge`).toBeGreaterThanOrEqual(30);
    }
  });
});
