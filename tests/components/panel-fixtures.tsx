// Shared set-up for the panel's component tests: a fake `send` (no worker), a store, and
// the panel rendered with a fixed viewport height (happy-dom has no layout).
import { act, render, screen } from '@testing-library/preact';
import { vi } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore, type PanelStore } from '../../components/panel/store';
import type { send as realSend } from '../../lib/messaging';
import type { Input, MessageType, Output, PublicSettings, ReplyError } from '../../lib/protocol';
import { type Token, toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';

export const ORG = 'acme';
export const NOW = Date.parse('2025-06-01T12:00:00Z');

/** Returned by a fake handler to make the reply an error. */
export class Fail {
  constructor(readonly error: ReplyError) {}
}

type Handler<T extends MessageType> = (input: Input<T>) => Output<T> | Fail | Promise<Output<T> | Fail>;
export type Handlers = { [T in MessageType]?: Handler<T> };

export interface Call {
  type: MessageType;
  input: unknown;
}

export const SETTINGS: PublicSettings = {
  mode: 'private-key',
  clientId: 'Iv1.abc',
  apiBaseUrl: 'https://api.github.com',
  webHost: 'github.com',
  hasPrivateKey: true,
  signedInAs: null,
  secretStorage: 'encrypted',
};

export function fakeSend(handlers: Handlers): { send: typeof realSend; calls: Call[] } {
  const calls: Call[] = [];
  const send = async (type: MessageType, input: unknown) => {
    calls.push({ type, input });
    const handler = handlers[type] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'internal', message: `No fake for ${type}` } };
    const out = await handler(input);
    return out instanceof Fail ? { ok: false, error: out.error } : { ok: true, data: out };
  };
  return { send: send as typeof realSend, calls };
}

/** Handlers for a configured org whose grants are `tokens`; override any of them. */
export function orgHandlers(tokens: Token[], overrides: Handlers = {}): Handlers {
  return {
    'settings.get': () => SETTINGS,
    'grants.load': ({ org }) => ({ org, tokens: tokens.map(toWire), loadedAt: NOW }),
    'grants.progress': ({ org }) => ({ org, loaded: 0, total: null, running: false }),
    'revoke.status': () => null,
    ...overrides,
  };
}

export interface Rendered {
  store: PanelStore;
  calls: Call[];
  download: ReturnType<typeof vi.fn>;
}

/** Renders the panel for `tokens` and waits until the grants are loaded. */
export async function renderPanel(tokens: Token[], overrides: Handlers = {}): Promise<Rendered> {
  const { send, calls } = fakeSend(orgHandlers(tokens, overrides));
  const store = createPanelStore(ORG, {
    send,
    now: () => NOW,
    sleep: () => new Promise((r) => setTimeout(r, 1)),
  });
  const download = vi.fn();
  render(<Panel store={store} download={download} viewportHeight={480} />);
  await act(() => store.getState().start());
  await screen.findByRole('region', { name: 'PATrol' });
  return { store, calls, download };
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
