// Shared set-up for the panel's component tests: the fake worker of tests/support, a store,
// and the panel rendered with a fixed viewport height (happy-dom has no layout).
import { act, render, screen } from '@testing-library/preact';
import { vi } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore, type PanelStore } from '../../components/panel/store';
import { type Token, toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import {
  type Call,
  type FakeWatch,
  fakeSend,
  fakeWatch,
  type Handlers,
  listHandlers,
  SETTINGS,
} from '../support/fake-worker';

export { type Call, Fail, fakeSend, type Handlers, jobSummary, SETTINGS } from '../support/fake-worker';

export const ORG = 'acme';
export const NOW = Date.parse('2025-06-01T12:00:00Z');

/** Handlers for a configured org whose grants are `tokens`; override any of them. */
export function orgHandlers(tokens: Token[], overrides: Handlers = {}): Handlers {
  return {
    'settings.get': () => SETTINGS,
    ...listHandlers(() => ({ [ORG]: tokens.map(toWire) }), NOW),
    ...overrides,
  };
}

export interface Rendered {
  store: PanelStore;
  calls: Call[];
  download: ReturnType<typeof vi.fn>;
  events: FakeWatch;
}

/** Renders the panel for `tokens` and waits until the grants are loaded. */
export async function renderPanel(
  tokens: Token[],
  overrides: Handlers = {},
  events: FakeWatch = fakeWatch(),
): Promise<Rendered> {
  const { send, calls } = fakeSend(orgHandlers(tokens, overrides));
  const store = createPanelStore(ORG, { send, watch: events.watch, now: () => NOW });
  const download = vi.fn();
  render(<Panel store={store} download={download} viewportHeight={480} />);
  await act(() => store.getState().start());
  await screen.findByRole('region', { name: 'PATrol' });
  return { store, calls, download, events };
}

/** `count` tokens named token-0000… owned by the given logins in turn. */
export function manyTokens(count: number, owners = ['alice', 'bob']): Token[] {
  return Array.from({ length: count }, (_, i) =>
    makeToken({
      tokenName: `token-${String(i).padStart(4, '0')}`,
      ownerLogin: owners[i % owners.length] as string,
    }),
  );
}
