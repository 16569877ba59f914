// "What changed" and "Mark reviewed" (PRODUCT.md "What changed"): the worker diffs the list
// shown against the org's baseline; gone tokens become rows only `is:gone` shows.
import { goneRow } from '../../lib/gone';
import type { Kit, PanelActions } from './state';

export function changesActions(
  kit: Kit,
): Pick<PanelActions, 'loadChanges' | 'openReview' | 'cancelReview' | 'confirmReview'> {
  const { get, update, deps, org } = kit;
  let asked = 0;

  async function loadChanges(): Promise<void> {
    const mine = ++asked;
    const reply = await deps.send('changes.read', { org });
    if (mine !== asked || kit.disposed()) return;
    // Without changes the panel is the panel as before: no buttons, `is:new` matches nothing.
    if (!reply.ok || reply.data === null || reply.data.loadedAt !== get().loadedAt) {
      update({ changes: null });
      return;
    }
    const view = reply.data;
    update({
      changes: {
        loadedAt: view.loadedAt,
        baselineAt: view.baselineAt,
        reviewedAt: view.reviewedAt,
        sets: {
          new: new Set(view.new),
          changed: new Set(view.changed),
          gone: new Set(view.gone.map((g) => g.grantId)),
        },
        gone: view.gone.map(goneRow),
      },
    });
  }

  return {
    loadChanges,
    openReview() {
      if (get().changes) update({ review: { ...get().review, phase: 'confirm', error: null } });
    },
    cancelReview() {
      if (get().review.phase === 'confirm')
        update({ review: { ...get().review, phase: 'closed', error: null } });
    },
    async confirmReview() {
      const { loadedAt, review } = get();
      if (loadedAt === null || review.phase !== 'confirm') return;
      update({ review: { ...review, phase: 'saving', error: null } });
      const reply = await deps.send('changes.review', { org, loadedAt });
      if (kit.disposed()) return;
      if (!reply.ok) {
        update({ review: { ...get().review, phase: 'confirm', error: reply.error.message } });
        return;
      }
      update({ review: { phase: 'closed', error: null, last: reply.data } });
      await loadChanges();
    },
  };
}
