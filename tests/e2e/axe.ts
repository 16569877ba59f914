// axe-core over PATrol's pages and over the panel frame, for the accessibility checks of
// tests/e2e/a11y.spec.ts and tests/e2e/changes.spec.ts. Every rule axe runs by default is on.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Frame, type Page } from '@playwright/test';

/**
 * The panel sits in an iframe inside a CLOSED shadow root, so axe started on GitHub's page
 * never finds it (and GitHub's page is not ours to check). AxeBuilder runs on a page: it is
 * given the frame dressed as one, so axe sees the panel document as its top document.
 */
export function frameAsPage(frame: Frame): Page {
  const page = frame.page();
  return new Proxy(page, {
    get(target, key, receiver) {
      if (key === 'mainFrame') return () => frame;
      if (key === 'frames') return () => [frame, ...frame.childFrames()];
      if (key === 'evaluate') return frame.evaluate.bind(frame);
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Each violation as `label · rule: target (summary)`, so a failure names what to fix.
 *
 * axe runs in "legacy mode": axe.run in the page itself, where the default opens a new blank
 * tab per scan to merge per-frame results (about half of each scan's time here). The rules
 * and the document checked are the same; what legacy mode gives up is reaching into
 * cross-origin frames, so the scanned page must have no frames at all, and this says so.
 */
export async function violations(page: Page, label: string): Promise<string[]> {
  expect(
    page.frames().map((frame) => frame.url()),
    `${label}: axe's legacy mode would not check inside a frame`,
  ).toHaveLength(1);
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((node) => `${label} · ${v.id}: ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`),
  );
}
