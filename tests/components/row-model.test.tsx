// The table's row model (components/panel/row-model.ts): what a row shows is computed once
// per token and minute, so rows that come back while the owner types are not worked out again.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rowModel } from '../../components/panel/row-model';
import * as risk from '../../lib/risk';
import { makeToken } from '../lib/token-factory';
import { manyTokens, NOW, renderPanel } from './panel-fixtures';

vi.mock('../../lib/risk', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/risk')>();
  return { ...actual, riskReasons: vi.fn(actual.riskReasons) };
});

afterEach(cleanup);

const MINUTE = 60_000;
const type = (value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name: 'Filter tokens' }), { target: { value } });

describe('the row model', () => {
  it('works out each token once while the owner types, however often its row comes back', async () => {
    const tokens = manyTokens(6);
    await renderPanel(tokens);
    const reasons = vi.mocked(risk.riskReasons);
    reasons.mockClear();
    for (const query of ['owner:bob', 'owner:alice', '', 'owner:bob', 'token-0001', '']) type(query);
    expect(screen.getByRole('status').textContent).toBe('6 of 6 tokens');
    // Every token was in view again and again; none had its risk reasons computed at all,
    // since the first render (before mockClear) already did.
    expect(reasons).not.toHaveBeenCalled();
  });

  it('marks only the name that hides characters: no mark for plain text', async () => {
    await renderPanel([
      ...manyTokens(3),
      makeToken({ tokenName: 'deploy\u202Egnp.exe', ownerLogin: 'carol' }),
    ]);
    expect(screen.getAllByRole('row')).toHaveLength(5);
    expect(document.querySelectorAll('[role=row] .patrol-hidden-chars')).toHaveLength(1);
    expect(screen.getByText(/Contains invisible or direction-changing characters/)).toBeTruthy();
  });

  it('is the same model within a minute and a fresh one the next minute', () => {
    const token = makeToken({ lastUsedAt: new Date(NOW - 2 * MINUTE) });
    const time = Math.floor(NOW / MINUTE) * MINUTE;
    const first = rowModel(token, time);
    expect(rowModel(token, time)).toBe(first);
    expect(first.lastUsed?.text).toBe('2 minutes ago');
    const later = rowModel(token, time + MINUTE);
    expect(later).not.toBe(first);
    expect(later.lastUsed?.text).toBe('3 minutes ago');
    expect(later.lastUsed?.title).toBe(first.lastUsed?.title);
  });
});
